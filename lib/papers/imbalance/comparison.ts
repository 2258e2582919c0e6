/**
 * The comparison table: method × host × dataset — test accuracy, macro-F1,
 * each modality's unimodal-head accuracy, the Shapley contributions, the
 * imbalance ratio, mean ± std over seeds, and the Kruskal–Wallis test of the
 * accuracy against joint training (exact permutation p). Each method's
 * headline claims are checked here (claims.ts). Absent datasets get a "data
 * not available" row and not-checked claims.
 */
import * as aq from 'arquero';
import { BALANCING_METHODS } from '../../balance/index';
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { notChecked, type Claim } from '../../eval/claim';
import {
  ALPHA,
  HOSTS,
  JOINT,
  PAPER,
  PROFILES,
  cellMethods,
  cells,
  describeTrain,
  familyOf,
  hostRuns,
  jointFor,
  methods,
  runs,
  tableDatasets,
  type Method,
} from './common';
import { checkClaims, claimKinds, statement } from './claims';
import { MODALITIES, cell, fmtP, kwVsJoint, mean, ms, r6, type CellStats } from './summary';

/** the number columns of a row that has none (data not available, run failed) */
const NO_NUMBERS = Object.fromEntries(
  ['seeds', 'acc', 'macro-F1', 'acc text head', 'acc image head', 'φ text', 'φ image', 'ratio', 'Δ acc vs joint', 'p vs joint (exact)'].map((k) => [k, '—']),
);

export const comparison: Artefact = {
  paper: PAPER,
  id: 'comparison',
  title: 'Balancing methods vs joint training: accuracy, macro-F1, per-modality accuracy and contributions, Kruskal–Wallis vs joint',
  runs: (profile) =>
    cells(profile)
      .filter((c) => tableDatasets(profile).some((d) => d.key === c.dataset.key))
      .flatMap((c) => runs(profile, c.method, c.host, c.dataset)),
  build(ctx: ArtefactContext) {
    const rows: Record<string, unknown>[] = [];
    const claims: Claim[] = [];
    const numbers: Record<string, unknown> = {};
    const unavailable: Record<string, string> = {};
    // cells where a method's every per-seed number equals joint training's: it did not act in this run length
    const inert = new Map<string, string[]>();
    for (const host of HOSTS) {
      for (const d of tableDatasets(ctx.profile)) {
        if (!hostRuns(ctx.profile, host, d)) continue;
        const on = `${d.label}, ${host.label}`;
        const joint = cell(ctx, JOINT, host, d);
        if ('failed' in joint) throw new Error(`imbalance: joint training on ${on} failed: ${joint.failed}`);
        if ('reason' in joint) {
          unavailable[d.key] = joint.reason;
          rows.push({
            dataset: d.label,
            host: host.label,
            family: '—',
            method: '—',
            ...NO_NUMBERS,
            note: `data not available: ${joint.reason}`,
          });
          for (const m of cellMethods(ctx.profile, host, d).filter((x) => x.balancer))
            for (const k of claimKinds(m)) claims.push(notChecked({ statement: statement(m, k), on }, `data not available: ${joint.reason}`));
          continue;
        }
        const cellNumbers: Record<string, unknown> = {};
        // joint training under each optimiser setting the methods use (the reference of each method), then the methods
        const refs = new Map<string, ReturnType<typeof cell>>();
        const refOf = (m: Method) => {
          const j = jointFor(m);
          if (!refs.has(j.key)) refs.set(j.key, j === JOINT ? joint : cell(ctx, j, host, d));
          return refs.get(j.key)!;
        };
        for (const m of cellMethods(ctx.profile, host, d)) {
          const isJoint = !m.balancer;
          const c = m === JOINT ? joint : isJoint ? refOf(m) : cell(ctx, m, host, d);
          if ('failed' in c) {
            rows.push({
              dataset: d.label,
              host: host.label,
              family: familyOf(m),
              method: m.label,
              ...NO_NUMBERS,
              note: `run failed: ${c.failed}`,
            });
            for (const k of claimKinds(m)) claims.push(notChecked({ statement: statement(m, k), on }, `the run failed: ${c.failed}`));
            cellNumbers[m.key] = { failed: c.failed };
            continue;
          }
          if (!('stats' in c)) throw new Error(`imbalance: ${m.label} on ${on} unavailable although joint training is available: ${c.reason}`);
          const s: CellStats = c.stats;
          const ref = isJoint ? null : refOf(m);
          const refStats = ref && 'stats' in ref ? ref.stats : null;
          const t = refStats ? kwVsJoint(s, refStats, 'acc') : null;
          rows.push({
            dataset: d.label,
            host: host.label,
            family: familyOf(m),
            method: m.label,
            seeds: s.seeds.length,
            acc: ms(s, 'acc'),
            'macro-F1': ms(s, 'macroF1'),
            'acc text head': ms(s, 'head_text'),
            'acc image head': ms(s, 'head_image'),
            'φ text': ms(s, 'shapley_text'),
            'φ image': ms(s, 'shapley_image'),
            ratio: ms(s, 'ratio', 2),
            'Δ acc vs joint': t ? `${t.diff >= 0 ? '+' : ''}${t.diff.toFixed(3)}` : '—',
            'p vs joint (exact)': t ? `${fmtP(t.p)}${t.by === 'exact' ? '' : ' (chi-square)'}` : '—',
            optimiser: describeTrain(m.train),
            note: !isJoint && !refStats ? `joint training under ${describeTrain(m.train)}: no result` : '',
          });
          cellNumbers[m.key] = {
            seeds: s.seeds,
            values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, v.map((x) => (Number.isFinite(x) ? r6(x) : null))])),
            mean: Object.fromEntries(
              ['acc', 'macroF1', 'ratio', ...MODALITIES.flatMap((x) => [`head_${x}`, `masked_${x}`, `shapley_${x}`])].map((k) => [
                k,
                Number.isFinite(mean(s, k)) ? r6(mean(s, k)) : null,
              ]),
            ),
            ...(t ? { kwAcc: { H: r6(t.H), p: t.p, by: t.by, pChi: t.pChi, floor: t.floor } } : {}),
            train: m.train,
            ...(isJoint ? {} : { reference: jointFor(m).key }),
          };
          if (!isJoint && refStats) claims.push(...checkClaims(m, s, refStats, on));
          else if (!isJoint)
            for (const k of claimKinds(m))
              claims.push(notChecked({ statement: statement(m, k), on }, `joint training under ${describeTrain(m.train)} has no result`));
          if (!isJoint && refStats && sameAsJoint(s, refStats)) inert.set(m.label, [...(inert.get(m.label) ?? []), on]);
        }
        numbers[`${host.key}/${d.key}`] = cellNumbers;
      }
    }
    const p = PROFILES[ctx.profile];
    return {
      tables: [
        {
          name: 'comparison',
          title: 'Balancing methods vs joint training (test split, mean ± std over seeds)',
          table: aq.from(rows),
          note:
            `acc text/image head: the accuracy of each modality's unimodal head (the model's branch logits); φ: dataset-level Shapley contribution of the modality to test accuracy (exact, from the 4 zero-masked coalitions; φ text + φ image = acc − acc with both masked); ` +
            `ratio: imbalance ratio = strong / weak mean true-class probability of the heads (1 = balanced); p: Kruskal–Wallis of test accuracy vs joint training over seeds, exact permutation p (smallest attainable: ${fmtP(2 / 70)} at 4 vs 4 seeds, 0.1 at 3, 1 at 1). ` +
            `Synthetic: seeds ${p.seeds.join(', ')}, ${p.epochs} epochs; real datasets: seeds ${p.realSeeds.join(', ')}.`,
        },
      ],
      numbers: {
        alpha: ALPHA,
        methods: methods().map((m) => ({ key: m.key, label: m.label, balancer: m.balancer ?? null, train: m.train, preset: m.preset ?? null })),
        hosts: Object.fromEntries(HOSTS.map((h) => [h.key, { model: h.model, methods: methods(h).map((m) => m.key) }])),
        cells: numbers,
        ...(Object.keys(unavailable).length ? { unavailable } : {}),
      },
      claims,
      differences: [
        "Every method runs with its registry defaults on our stand-in features, with its authors' optimiser, learning rate, weight decay, batch size and schedule (preset 'authors', lib/balance/presets.ts; column optimiser; the sources are in numbers.methods[].preset), and is compared with joint training under the same settings (the joint rows per optimiser); not each paper's own backbone. The authors' learning rates were set for ResNet-18 backbones over 50–150 epochs and are not tuned for our MLP heads. A claim that does not hold here says so for these settings only.",
        ...(methods().length > methods(HOSTS[1]).length
          ? [
              `Methods that need what ${HOSTS[1].label} does not provide (${methods()
                .filter((m) => !methods(HOSTS[1]).some((x) => x.key === m.key))
                .map((m) => m.label)
                .join(', ')}) do not run on it.`,
            ]
          : []),
        ...[...inert].map(
          ([label, where]) =>
            `${label} gave exactly joint training's numbers (every seed, every metric) on ${where.join('; ')}: the selected weights are joint training's (the method's schedule acts only after the epochs run there, or validation selected an epoch before it first acted).`,
        ),
        ...(p.syntheticOnly.length
          ? [
              `${ctx.profile} profile: ${p.syntheticOnly.map((n) => methods().find((m) => m.key === n)?.label ?? n).join(', ')} run only on the synthetic rows with ${HOSTS[0].label} (time); --full runs them on every host and dataset.`,
            ]
          : []),
        ...Object.entries(p.methodOptions).map(
          ([name, o]) =>
            `${ctx.profile} profile: ${name} runs with ${JSON.stringify(o)} over its defaults ${JSON.stringify(BALANCING_METHODS[name]?.defaults ?? {})}, so that its schedule (in epochs) acts within ${p.epochs} synthetic / ${p.realEpochs ?? "the catalog's"} real epochs.`,
        ),
        'Each claim is decided against joint training by the exact sign-flip test paired by seed (one-sided, α = 0.05; lib/eval/verdict.ts): it needs at least 5 seeds to decide anything, so at the quick profile’s seed counts the claims are undecided, each with an estimate of the seeds that would decide it. The Kruskal–Wallis p in the table is two-sided and kept for reference.',
      ],
    };
  },
};

/** every per-seed value of every metric equal (NaN = NaN): the method left training untouched */
function sameAsJoint(s: CellStats, joint: CellStats): boolean {
  return Object.entries(s.values).every(([k, xs]) => xs.every((x, i) => Object.is(x, joint.values[k]?.[i])));
}
