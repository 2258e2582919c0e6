/**
 * Table: accuracy and macro-F1 on the real test set for each selection
 * method × N, binary and 3-way, mean ± std over seeds, per target; and the
 * paper's claims about selection checked on those numbers.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { compareSides, compareToValue } from '../../eval/compare';
import type { Outcome } from '../../eval/verdict';
import { fmtDiff } from '../../report/table';
import { METHOD_LABEL, PAPER, PROFILES, SWEPT, allRuns, cells, targetsFor, tasksFor, type Cell, type Target, type Task } from './common';
import { PAPER_CLAIMS } from './paper-values';
import { atSeed, cellResult, f, oneClassCells, pairedDiff, perSeedMean, type CellStats } from './stats';

export interface Block {
  target: Target;
  task: Task;
  cells: { cell: Cell; stats?: CellStats }[];
  reason?: string;
}

/** Cells grouped by (target, task), with their stats or the reason they have none. */
export function blocks(ctx: ArtefactContext): Block[] {
  const all = cells(ctx.profile);
  const out: Block[] = [];
  for (const target of targetsFor(ctx.profile)) {
    for (const task of tasksFor(ctx.profile, target)) {
      const mine = all.filter((c) => c.target === target && c.task === task);
      const res = mine.map((cell) => ({ cell, r: cellResult(ctx, cell) }));
      const missing = res.find((x) => !x.r.available);
      out.push({
        target,
        task,
        cells: res.map(({ cell, r }) => ({ cell, ...('stats' in r ? { stats: r.stats } : {}) })),
        ...(missing && 'reason' in missing.r ? { reason: missing.r.reason } : {}),
      });
    }
  }
  return out;
}

export const at = (b: Block, method: string, N?: number) => b.cells.find((c) => c.cell.method === method && c.cell.N === N)?.stats;
const where = (b: Block) => `${b.target.label}, ${b.task}`;

/** The selection claims of one (target, task) block. */
function blockClaims(b: Block): Claim[] {
  const claims: Claim[] = [];
  if (b.reason) {
    for (const s of [PAPER_CLAIMS.selectionBeatsRandom + ' (SemSim)', PAPER_CLAIMS.selectionBeatsRandom + ' (DisSim)', PAPER_CLAIMS.moreIsNotBetter])
      claims.push(notChecked({ statement: s, on: where(b) }, `data not available: ${b.reason}`));
    return claims;
  }
  const sweep = b.cells.filter((c) => c.cell.N !== undefined);
  const Nlist = [...new Set(sweep.map((c) => c.cell.N!))];
  for (const m of ['semsim', 'dissim'] as const) {
    const diffs = Nlist.map((N) => ({ N, d: pairedDiff(at(b, m, N)!, at(b, 'random', N)!) }));
    const all = diffs.flatMap((x) => x.d.diffs);
    const mean = all.reduce((s, x) => s + x, 0) / all.length;
    // per seed: the mean over N of (method − random); the test is over seeds
    const mine = Nlist.map((N) => at(b, m, N)!),
      rnd = Nlist.map((N) => at(b, 'random', N)!);
    const perSeed = perSeedMean(mine, (p, i) => p.macroF1 - atSeed(rnd[i], p.seed, 'macroF1'));
    claims.push(
      claimFrom(
        { statement: `${PAPER_CLAIMS.selectionBeatsRandom} (${METHOD_LABEL[m]} vs random at equal N, macro-F1)`, on: where(b) },
        compareToValue(
          { label: `${METHOD_LABEL[m]} − random (mean over N)`, ...perSeed },
          0,
          undefined,
          oneClassCells(
            Nlist.flatMap((N) => [
              { label: `${METHOD_LABEL[m]} N=${N}`, stats: at(b, m, N)! },
              { label: `random N=${N}`, stats: at(b, 'random', N)! },
            ]),
          ),
        ),
        `mean paired difference ${fmtDiff(mean)} over ${all.length} (N, seed) pairs; per N: ${diffs.map((x) => `N=${x.N}: ${f(at(b, m, x.N)!.macroF1)} vs ${f(at(b, 'random', x.N)!.macroF1)}`).join('; ')}`,
      ),
    );
  }
  const allData = at(b, 'all')!;
  const best = sweep.filter((c) => c.cell.method !== 'random').sort((x, y) => y.stats!.macroF1.mean - x.stats!.macroF1.mean)[0];
  const side = (label: string, c: CellStats) => ({
    label,
    values: c.perSeed.map((p) => p.macroF1),
    seeds: c.perSeed.map((p) => p.seed),
    metrics: c.perSeed.map((p) => p.classes),
  });
  claims.push(
    claimFrom(
      { statement: `${PAPER_CLAIMS.moreIsNotBetter} (macro-F1)`, on: where(b) },
      compareSides(side(`${METHOD_LABEL[best.cell.method]} N=${best.cell.N}`, best.stats!), side('all synthetic', allData)),
      `best selected: ${METHOD_LABEL[best.cell.method]} N=${best.cell.N} ${f(best.stats!.macroF1)} vs all synthetic ${f(allData.macroF1)} (the best of ${sweep.length - Nlist.length} SemSim/DisSim cells, N swept: ${Nlist.join(', ')}; a maximum over cells favours this claim, so the test is optimistic)`,
    ),
  );
  return claims;
}

/** Which of SemSim / DisSim is better on a block: mean over N of the mean macro-F1. */
export function winner(b: Block): { semsim: number; dissim: number } | undefined {
  if (b.reason) return undefined;
  const mean = (m: string) => {
    const xs = b.cells.filter((c) => c.cell.method === m).map((c) => c.stats!.macroF1.mean);
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  };
  return { semsim: mean('semsim'), dissim: mean('dissim') };
}

/**
 * "Which similarity wins differs between targets": holds when one target decides DisSim > SemSim and
 * another the opposite; does not hold when every target is decided the same way; else undecided.
 */
function dependsOn(real: { on: string; o: Outcome }[]): Outcome {
  const up = real.filter((x) => x.o.verdict === 'holds'),
    down = real.filter((x) => x.o.verdict === 'does not hold');
  const open = real.filter((x) => x.o.verdict === 'undecided');
  const base = {
    comparison: `DisSim − SemSim on ${real.length} targets`,
    n: real[0].o.n,
    effect: Math.max(...real.map((x) => x.o.effect)) - Math.min(...real.map((x) => x.o.effect)),
    test: 'the per-target DisSim vs SemSim verdicts (exact sign-flip tests over seeds)',
  };
  if (up.length && down.length) return { ...base, verdict: 'holds' };
  if (!open.length) return { ...base, verdict: 'does not hold', reason: `every target decided ${up.length ? 'DisSim' : 'SemSim'} better` };
  const seeds = open.map((x) => x.o.seedsToDecide);
  const n = seeds.some((x) => x == null) ? null : Math.max(...(seeds as number[]));
  return {
    ...base,
    verdict: 'undecided',
    reason: `${open.length} of ${real.length} targets undecided (${open.map((x) => x.on).join('; ')})`,
    seedsToDecide: n,
    toDecide: n === null ? 'not every target can be decided by more seeds' : `about ${n} seeds would decide every target (estimate; the most any target needs)`,
  };
}

export function methodClaims(bs: Block[]): Claim[] {
  const claims: Claim[] = [];
  const wins: { on: string; w: string; o: Outcome }[] = [];
  for (const b of bs) {
    const w = winner(b);
    if (!w) {
      claims.push(notChecked({ statement: 'DisSim beats SemSim (mean macro-F1 over N)', on: where(b) }, `data not available: ${b.reason}`));
      continue;
    }
    // per seed: mean over N of DisSim − SemSim
    const Ns = [...new Set(b.cells.filter((c) => c.cell.method === 'dissim').map((c) => c.cell.N))];
    const ss = Ns.map((N) => at(b, 'semsim', N)!);
    const oneClass = oneClassCells(
      Ns.flatMap((N) => [
        { label: `DisSim N=${N}`, stats: at(b, 'dissim', N)! },
        { label: `SemSim N=${N}`, stats: at(b, 'semsim', N)! },
      ]),
    );
    const o = compareToValue(
      {
        label: 'DisSim − SemSim (mean over N)',
        ...perSeedMean(
          Ns.map((N) => at(b, 'dissim', N)!),
          (p, i) => p.macroF1 - atSeed(ss[i], p.seed, 'macroF1'),
        ),
      },
      0,
      undefined,
      oneClass,
    );
    wins.push({ on: where(b), w: w.dissim > w.semsim ? 'DisSim' : 'SemSim', o });
    claims.push(
      claimFrom(
        { statement: 'DisSim beats SemSim (mean macro-F1 over N)', on: where(b) },
        o,
        `DisSim ${w.dissim.toFixed(3)} vs SemSim ${w.semsim.toFixed(3)} (means over N of the seed means)`,
      ),
    );
  }
  const real = wins.filter((x) => !x.on.startsWith('synthetic'));
  const base = { statement: PAPER_CLAIMS.methodDependsOnTarget, on: 'VERITE settings (encoder × pool × task); the paper compares different target datasets' };
  if (real.length < 2) claims.push(notChecked(base, 'fewer than two real targets have data here'));
  else claims.push(claimFrom(base, dependsOn(real), real.map((x) => `${x.on}: ${x.w} (${x.o.verdict})`).join('; ')));
  return claims;
}

export const table: Artefact = {
  paper: PAPER,
  id: 'table',
  title: 'Accuracy and macro-F1 on the real test set per selection method × N (binary and 3-way)',
  runs: allRuns,
  build(ctx) {
    const bs = blocks(ctx);
    const rows: Record<string, unknown>[] = [];
    for (const b of bs) {
      for (const { cell, stats } of b.cells) {
        const base = { target: b.target.label, pool: b.target.poolLabel, task: b.task, method: METHOD_LABEL[cell.method], N: cell.N ?? '—' };
        rows.push(
          stats
            ? { ...base, accuracy: f(stats.acc), 'macro-F1': f(stats.macroF1), 'train rows': Math.round(stats.trainRows.mean), seeds: stats.perSeed.length }
            : { ...base, accuracy: 'data not available', 'macro-F1': 'data not available', 'train rows': '', seeds: 0 },
        );
      }
    }
    const claims = [...bs.flatMap(blockClaims), ...methodClaims(bs)];
    const missing = bs.filter((b) => b.reason).map((b) => `${where(b)}: data not available (${b.reason})`);
    return {
      tables: [
        {
          name: 'table',
          title: `Real-test accuracy and macro-F1 (mean ± std over ${PROFILES[ctx.profile].seeds.length} seeds); 3-way = true / miscaptioned / out-of-context`,
          table: aq.from(rows),
          note: "The paper's numbers are for fine-tuned 13B MLLMs on other targets and are not public in what we could read: none stands beside ours (see differences). 'all synthetic' uses every generated pair; 'real only' trains on the labelled real few-shot part.",
        },
      ],
      numbers: {
        blocks: bs.map((b) => ({
          target: b.target.key,
          task: b.task,
          ...(b.reason ? { unavailable: b.reason } : {}),
          cells: b.cells.map(({ cell, stats }) => ({
            method: cell.method,
            N: cell.N ?? null,
            ...(stats ? { acc: stats.acc, macroF1: stats.macroF1, perSeed: stats.perSeed } : {}),
          })),
        })),
        missing,
        swept: SWEPT,
      },
      claims,
      differences: DIFFERENCES,
    };
  },
};

export const DIFFERENCES = [
  "Detector: an MLP over [image; text; image⊙text; |image−text|] of frozen CLIP embeddings, trained from scratch on a few hundred pairs — not a fine-tuned 13B multimodal LLM; absolute numbers are not comparable with the paper's.",
  "Synthetic pool: generated here at the feature level from truthful pairs (random and nearest-image caption swaps = out-of-context, nearest-caption swaps = miscaptioned), not the paper's NewsCLIPpings / DGM4 / AutoSplice sets (no images or captions are rewritten).",
  'Mixed-modal embedding for selection: normalise(CLIP image + CLIP text), standing in for the RA-CM3 encoder.',
  "DisSim: our log-domain Sinkhorn (ε 0.05 on the cosine cost, ε-scaling) instead of geomloss; the paper's ε and N values are not public, so N is swept.",
  "Target: VERITE (1,001 pairs) split by shared image/caption components into pool part 40 % (used only by the VERITE-own pool), unlabelled selection validation 10 %, labelled few-shot 10 %, test 40 %; the paper's targets are MediaEval Twitter, Fauxtography and MOCHEG. Twitter serves as the cross-source pool here (its CLIP ViT-B/32 space matches VERITE ViT-B/32).",
  'Model selection (epoch) for synthetic-trained detectors reads a held-out 15 % of the training pairs (whole images), never real test items; with few training rows this validation is small and noisy.',
];
