/**
 * Stratified group k-fold: whole events per fold (posts of one event share
 * images: a split event lets a model memorise test images), and each fold's
 * fake share as close to the overall share as the events allow.
 *
 * The events are few and uneven (Twitter CLIP: 25 events, "attacks_paris"
 * alone 288 of 1,098 posts with a fake share of 0.153 against 0.574 overall),
 * so a share within ±tol of the overall one may need unequal folds. The
 * objective, lexicographic through its weights:
 *   1. every fold's |share − p| ≤ tol (p = overall fake share), else the
 *      summed excess over the folds is minimised;
 *   2. then fold sizes as equal as possible (each fold holds at least half the
 *      mean fold size: a test fold is never a handful of posts);
 *   3. then the summed share deviation.
 * Search: seeded restarts of a greedy assignment (events largest first) and a
 * local search of single-event moves and pair swaps until no move improves.
 * Deterministic per seed. Folds are numbered within-tolerance first, then by
 * closeness to the mean size (fold 1 is a typical fold). The report lists
 * every fold's size and share and says which folds the events did not allow
 * within tolerance.
 */
import { permutation, rng } from '../util/random';
import type { Dataset } from './dataset';

export interface FoldShare {
  fold: number;
  rows: number;
  fake: number;
  share: number;
  events: number;
  /** the fold's largest event: name, posts, fake share (what pins a fold's share) */
  largest: { event: string; rows: number; share: number };
}

export interface GroupFoldReport {
  overall: number;
  tol: number;
  folds: FoldShare[];
  /** folds whose share is more than tol away from the overall share */
  outside: number[];
}

interface Group { rows: number[]; n: number; fake: number; name: string }

const RESTARTS = 16;

/** Fold of each event (index into `groups`), and the report. */
export function stratifiedGroupAssign(ds: Dataset, k: number, { seed = 0, tol = 0.05 } = {}): { foldOf: number[]; groups: Group[]; eventIds: number[]; report: GroupFoldReport } {
  if (!ds.events) throw new Error(`kFold: stratified by event needs event ids, but dataset '${ds.name}' has none`);
  const byEvent = new Map<number, number[]>();
  ds.events.forEach((e, i) => (byEvent.get(e) ?? byEvent.set(e, []).get(e)!).push(i));
  const eventIds = [...byEvent.keys()].sort((a, b) => a - b);
  if (eventIds.length < k + 1) throw new Error(`kFold: byEvent with k = ${k} needs more than ${k} events, dataset '${ds.name}' has ${eventIds.length}`);
  const groups: Group[] = eventIds.map((e) => {
    const rows = byEvent.get(e)!;
    return { rows, n: rows.length, fake: rows.reduce((s, i) => s + ds.labels[i], 0), name: ds.eventNames?.[e] ?? String(e) };
  });
  const N = ds.labels.length;
  const p = groups.reduce((s, g) => s + g.fake, 0) / N;
  const mean = N / k;
  const state = () => ({ n: new Array(k).fill(0), fake: new Array(k).fill(0) });
  // the objective of fold totals (smaller is better); the weights make it lexicographic
  const cost = (n: number[], fake: number[]) => {
    let excess = 0, dev = 0, size = 0, small = 0;
    for (let f = 0; f < k; f++) {
      const d = n[f] > 0 ? Math.abs(fake[f] / n[f] - p) : 1;
      excess += Math.max(0, d - tol);
      dev += d;
      size += ((n[f] - mean) / mean) ** 2;
      small += Math.max(0, mean / 2 - n[f]) / mean;
    }
    return 1e6 * small + 1e3 * excess + size + 1e-3 * dev;
  };
  const r = rng(seed);
  let best: { foldOf: number[]; c: number } | undefined;
  for (let restart = 0; restart < RESTARTS; restart++) {
    const order = Array.from(permutation(groups.length, r)).sort((a, b) => groups[b].n - groups[a].n || 0);
    const foldOf = new Array(groups.length).fill(0);
    const s = state();
    // greedy: each event (largest first; the permutation breaks ties) into the fold that costs least
    for (const g of order) {
      let pick = 0, pc = Infinity;
      const start = restart % k; // rotate the first-tried fold, so restarts differ beyond tie order
      for (let t = 0; t < k; t++) {
        const f = (start + t) % k;
        s.n[f] += groups[g].n; s.fake[f] += groups[g].fake;
        const c = cost(s.n, s.fake);
        s.n[f] -= groups[g].n; s.fake[f] -= groups[g].fake;
        if (c < pc - 1e-12) { pc = c; pick = f; }
      }
      foldOf[g] = pick;
      s.n[pick] += groups[g].n; s.fake[pick] += groups[g].fake;
    }
    const c = localSearch(groups, foldOf, s, k, cost);
    if (!best || c < best.c - 1e-12) best = { foldOf: foldOf.slice(), c };
  }
  // fold numbers: within-tolerance folds first, then by closeness to the mean size — the quick profiles run fold 1 only,
  // which should be a typical fold, not the one a large event pins (Twitter CLIP: 513 posts around attacks_paris)
  const tot = (f: number) => { let n = 0, fk = 0; best!.foldOf.forEach((g, j) => { if (g === f) { n += groups[j].n; fk += groups[j].fake; } }); return { n, dev: n ? Math.abs(fk / n - p) : 1 }; };
  const rank = Array.from({ length: k }, (_, f) => ({ f, ...tot(f) })).sort((a, b) => Number(a.dev > tol + 1e-12) - Number(b.dev > tol + 1e-12) || Math.abs(a.n - mean) - Math.abs(b.n - mean) || a.f - b.f);
  const renumber = new Array(k);
  rank.forEach((r, pos) => (renumber[r.f] = pos));
  const foldOf = best!.foldOf.map((f) => renumber[f]);
  const folds: FoldShare[] = Array.from({ length: k }, (_, f) => {
    const gs = groups.filter((_, g) => foldOf[g] === f);
    const n = gs.reduce((a, g) => a + g.n, 0), fake = gs.reduce((a, g) => a + g.fake, 0);
    const big = gs.reduce((a, g) => (g.n > a.n ? g : a), gs[0] ?? { n: 0, fake: 0, name: '-', rows: [] });
    return { fold: f, rows: n, fake, share: n ? fake / n : 0, events: gs.length, largest: { event: big.name, rows: big.n, share: big.n ? big.fake / big.n : 0 } };
  });
  if (folds.some((f) => f.rows === 0)) throw new Error(`kFold: '${ds.name}' leaves fold(s) empty with k = ${k}`);
  return { foldOf, groups, eventIds, report: { overall: p, tol, folds, outside: folds.filter((f) => Math.abs(f.share - p) > tol + 1e-12).map((f) => f.fold) } };
}

/** Moves of one event and swaps of two, first improvement, until none improves; returns the final cost. */
function localSearch(groups: Group[], foldOf: number[], s: { n: number[]; fake: number[] }, k: number, cost: (n: number[], fake: number[]) => number): number {
  let c = cost(s.n, s.fake);
  const move = (g: number, to: number) => {
    const from = foldOf[g];
    s.n[from] -= groups[g].n; s.fake[from] -= groups[g].fake;
    s.n[to] += groups[g].n; s.fake[to] += groups[g].fake;
    foldOf[g] = to;
  };
  for (let improved = true, guard = 0; improved && guard < 1000; guard++) {
    improved = false;
    for (let g = 0; g < groups.length; g++) {
      for (let to = 0; to < k; to++) {
        const from = foldOf[g];
        if (to === from) continue;
        move(g, to);
        const c2 = cost(s.n, s.fake);
        if (c2 < c - 1e-12) { c = c2; improved = true; } else move(g, from);
      }
      for (let h = g + 1; h < groups.length; h++) {
        const fg = foldOf[g], fh = foldOf[h];
        if (fg === fh) continue;
        move(g, fh); move(h, fg);
        const c2 = cost(s.n, s.fake);
        if (c2 < c - 1e-12) { c = c2; improved = true; } else { move(g, fg); move(h, fh); }
      }
    }
  }
  return c;
}

/** One line for the dataset notes: every fold's size and fake share, and where the events did not allow ±tol. */
export function groupFoldNote(name: string, k: number, seed: number, rep: GroupFoldReport): string {
  const f3 = (x: number) => x.toFixed(3);
  const folds = rep.folds.map((f) => `${f.fold + 1}: ${f.rows} posts, ${f.events} events, fake ${f3(f.share)}`).join('; ');
  const verdict = rep.outside.length === 0
    ? `every fold within ±${rep.tol} of the overall share`
    : `outside ±${rep.tol}, which the whole events do not allow (best of the search): ${rep.outside.map((f) => { const l = rep.folds[f].largest; return `fold ${f + 1} (its event ${l.event}: ${l.rows} posts, fake ${f3(l.share)})`; }).join(', ')}`;
  return `${name}: ${k} folds by event, stratified by label (partition seed ${seed}): overall fake share ${f3(rep.overall)}; ${folds}; ${verdict}`;
}
