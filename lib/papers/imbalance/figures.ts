/**
 * The toolkit's figures, on the late-fusion host (synthetic default unless
 * said), mean ± std over seeds:
 *   curves        each head's validation accuracy per epoch (history val_acc_<branch>), per method
 *   coefficients  the numbers each balancer records per step (its coefficients: k_*, coef_*, …),
 *                 averaged per epoch by the trainer (history train_<name>), per method
 *   strength      test accuracy and image-head accuracy against the image signal strength
 * Validation curves are what selection reads; the strength figure reports test numbers of the
 * validation-selected weights.
 */
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { compareSides } from '../../eval/compare';
import { allOf } from '../../eval/verdict';
import { meanStd } from '../../eval/metrics';
import { lineChart } from '../../figures/line';
import { HOSTS, PAPER, PROFILES, familyOf, methods, runs, syntheticAt, type Method } from './common';
import { cell, mean, type CellStats } from './summary';

const HOST = HOSTS[0];
const CURVE_DATASET = () => syntheticAt(1);

/**
 * One chart per method family (data, feed-forward, objective, optimisation), joint training drawn in
 * each as the reference: a chart has at most 20 distinctly coloured series, and there are more methods.
 * `points` carry `family` (familyOf: '—' for joint training); names are `<base>-<family>`.
 */
function perFamily(
  base: string,
  points: Record<string, unknown>[],
  chart: (pts: Record<string, unknown>[], family: string) => string,
): { name: string; svg: string }[] {
  const fams = [...new Set(points.map((p) => p.family as string))].filter((f) => f !== '—');
  return fams.map((f) => ({
    name: `${base}-${f}`,
    svg: chart(
      points.filter((p) => p.family === f || p.family === '—'),
      f,
    ),
  }));
}

/** history columns a balancer wrote: train_<record>, minus the trainer's own (losses, scores, accuracy) */
export function recordColumns(history: Record<string, number>[]): string[] {
  const cols = new Set<string>();
  for (const h of history) for (const k of Object.keys(h)) if (k.startsWith('train_') && !/^train_(loss_|score_|acc$)/.test(k)) cols.add(k);
  return [...cols].sort();
}

/** per-epoch mean ± std over seeds of one history column; undefined when a seed lacks it */
function curve(histories: Record<string, number>[][], col: string): { epoch: number; mean: number; std: number }[] | undefined {
  const E = Math.min(...histories.map((h) => h.length));
  const out: { epoch: number; mean: number; std: number }[] = [];
  for (let e = 0; e < E; e++) {
    const xs = histories.map((h) => h[e][col]);
    if (xs.some((x) => x === undefined || !Number.isFinite(x))) return undefined;
    out.push({ epoch: histories[0][e].epoch, ...meanStd(xs) });
  }
  return out;
}

const curveRuns = (profile: 'quick' | 'full') => methods(HOST).flatMap((m) => runs(profile, m, HOST, CURVE_DATASET()));

/** the seeds' histories, or undefined when a run of the method failed (reproduce reports it) */
function histories(ctx: ArtefactContext, m: Method): Record<string, number>[][] | undefined {
  const c = cell(ctx, m, HOST, CURVE_DATASET());
  if ('failed' in c) return undefined;
  if (!('stats' in c)) throw new Error(`imbalance: synthetic data unavailable: ${c.reason}`);
  return c.stats.results.map((r) => r.history);
}

/** a balancer record's colour: which modality it is about (its name's suffix), else 'fused / other' — 23 records, 3 kinds */
const recordKind = (s: string) => (s.endsWith('_image') ? 'image' : s.endsWith('_text') ? 'text' : 'fused / other');

export const figCurves: Artefact = {
  paper: PAPER,
  id: 'fig-curves',
  title: 'Per-modality validation accuracy over epochs, each method (late fusion, synthetic default)',
  runs: curveRuns,
  build(ctx) {
    const points: Record<string, unknown>[] = [];
    const numbers: Record<string, unknown> = {};
    for (const m of methods(HOST)) {
      const hs = histories(ctx, m);
      if (!hs) {
        numbers[m.key] = { failed: true };
        continue;
      }
      const got: Record<string, unknown> = {};
      for (const [col, facet] of [
        ['val_acc', 'multimodal'],
        ['val_acc_text', 'text head'],
        ['val_acc_image', 'image head'],
      ] as const) {
        const c = curve(hs, col);
        if (!c) continue;
        got[col] = c;
        for (const p of c)
          points.push({ epoch: p.epoch, accuracy: p.mean, std: hs.length > 1 ? p.std : undefined, series: m.label, facet, family: familyOf(m) });
      }
      numbers[m.key] = got;
    }
    return {
      figures: perFamily('fig-curves', points, (pts, family) =>
        lineChart(pts, {
          title: `Validation accuracy per epoch: the fused model and each modality’s head — ${family} methods vs joint training (mean ± std over seeds)`,
          subtitle: CURVE_DATASET().label + ', late fusion',
          x: 'epoch',
          y: 'validation accuracy',
          width: 960,
          height: 420,
          endLabels: true,
          fields: { x: 'epoch', y: 'accuracy', std: 'std', series: 'series', facet: 'facet' },
        }),
      ),
      numbers,
    };
  },
};

export const figCoefficients: Artefact = {
  paper: PAPER,
  id: 'fig-coefficients',
  title: 'What each balancer records over training (its coefficients, epoch means of the per-step records)',
  runs: curveRuns,
  build(ctx) {
    const points: Record<string, unknown>[] = [];
    const numbers: Record<string, unknown> = {};
    const silent: string[] = [];
    for (const m of methods(HOST).slice(1)) {
      const hs = histories(ctx, m);
      if (!hs) {
        numbers[m.key] = { failed: true };
        continue;
      }
      const cols = recordColumns(hs.flat());
      if (!cols.length) silent.push(m.label);
      const got: Record<string, unknown> = {};
      for (const col of cols) {
        const c = curve(hs, col);
        if (!c) continue;
        got[col.slice('train_'.length)] = c;
        for (const p of c)
          points.push({ epoch: p.epoch, value: p.mean, std: hs.length > 1 ? p.std : undefined, series: col.slice('train_'.length), facet: m.label });
      }
      numbers[m.key] = got;
    }
    return {
      figures: points.length
        ? [
            {
              name: 'fig-coefficients',
              svg: lineChart(points, {
                title: 'Balancer records over training (epoch means of the per-step values; mean ± std over seeds)',
                subtitle: CURVE_DATASET().label + ', late fusion',
                x: 'epoch',
                y: 'value',
                width: 960,
                height: 420,
                endLabels: true,
                colorBy: recordKind,
                fields: { x: 'epoch', y: 'value', std: 'std', series: 'series', facet: 'facet' },
              }),
            },
          ]
        : [],
      numbers: { ...numbers, ...(silent.length ? { recordsNothing: silent } : {}) },
    };
  },
};

const strengthRuns = (profile: 'quick' | 'full') =>
  PROFILES[profile].sweep.flatMap((f) => methods(HOST).flatMap((m) => runs(profile, m, HOST, syntheticAt(f))));

export const figStrength: Artefact = {
  paper: PAPER,
  id: 'fig-strength',
  title: 'Test accuracy and image-head accuracy against the image signal strength (late fusion, synthetic)',
  runs: strengthRuns,
  build(ctx) {
    const points: Record<string, unknown>[] = [];
    const numbers: Record<string, Record<string, unknown>> = {};
    const claims: Claim[] = [];
    const sweep = PROFILES[ctx.profile].sweep;
    const jointCells = new Map<number, CellStats>(); // image signal → joint training's per-seed numbers
    for (const m of methods(HOST)) {
      numbers[m.key] = {};
      for (const f of sweep) {
        const c = cell(ctx, m, HOST, syntheticAt(f));
        if ('failed' in c) {
          numbers[m.key][`x${f}`] = { failed: c.failed };
          continue;
        }
        if (!('stats' in c)) throw new Error(`imbalance: synthetic data unavailable: ${c.reason}`);
        const s = c.stats;
        if (m.key === 'joint') jointCells.set(f, s);
        const sd = (k: string) => (s.seeds.length > 1 ? meanStd(s.values[k]).std : undefined);
        points.push({ strength: f, value: mean(s, 'acc'), std: sd('acc'), series: m.label, facet: 'multimodal test accuracy', family: familyOf(m) });
        if (Number.isFinite(mean(s, 'head_image')))
          points.push({
            strength: f,
            value: mean(s, 'head_image'),
            std: sd('head_image'),
            series: m.label,
            facet: 'image head test accuracy',
            family: familyOf(m),
          });
        numbers[m.key][`x${f}`] = { acc: mean(s, 'acc'), headImage: mean(s, 'head_image'), shapleyImage: mean(s, 'shapley_image') };
      }
    }
    // the premise of the toolkit, checked: a stronger image signal gives the image a larger share under joint training
    const phi = sweep.map((f) => (numbers.joint[`x${f}`] as { shapleyImage?: number }).shapleyImage ?? NaN);
    // each step of the sweep: φ_image at the stronger signal above the weaker one, paired by seed
    const jointStats = sweep.map((f) => jointCells.get(f));
    const steps = sweep.slice(1).map((f, i) => {
      const hi = jointStats[i + 1],
        lo = jointStats[i];
      return { label: `×${sweep[i]} → ×${f}`, hi, lo };
    });
    if (steps.every((x) => x.hi && x.lo))
      claims.push(
        claimFrom(
          {
            statement: 'under joint training the image’s Shapley contribution grows with the image signal (the imbalance the methods address shrinks)',
            on: `Synthetic, image signal ×${sweep.join(', ×')}, late fusion`,
            source: 'workbench',
          },
          allOf(
            steps.map((x) => ({
              label: x.label,
              outcome: compareSides(
                { label: `φ_image ${x.label.split(' → ')[1]}`, values: x.hi!.values.shapley_image, seeds: x.hi!.seeds },
                { label: `φ_image ${x.label.split(' → ')[0]}`, values: x.lo!.values.shapley_image, seeds: x.lo!.seeds },
              ),
            })),
          ),
          `mean φ_image: ${phi.map((x, i) => `×${sweep[i]} ${x.toFixed(3)}`).join(', ')} (every step up required)`,
        ),
      );
    return {
      figures: perFamily('fig-strength', points, (pts, family) =>
        lineChart(pts, {
          title: `Accuracy against the image signal strength — ${family} methods vs joint training (mean ± std over seeds)`,
          subtitle: 'Synthetic default with both image views’ signal scaled, late fusion',
          x: 'image signal (× default)',
          y: 'test accuracy',
          xType: 'point',
          width: 960,
          height: 420,
          endLabels: true,
          fields: { x: 'strength', y: 'value', std: 'std', series: 'series', facet: 'facet' },
        }),
      ),
      numbers,
      claims,
    };
  },
};
