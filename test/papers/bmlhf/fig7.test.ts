import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { fig7, gapCurve } from '../../../lib/papers/bmlhf/fig7';
import { TABLE2_PLAN, table2, table2Runs } from '../../../lib/papers/bmlhf/table2';

const row = (epoch: number, t: number, i: number) => ({
  epoch,
  train_score_textPattern: t + 0.01,
  train_score_textSemantic: t - 0.01,
  train_score_imagePattern: i,
  train_score_imageSemantic: i,
});
const fake = (spec: RunSpec, history: Record<string, number>[]): RunResult => ({
  hash: specHash(spec),
  model: 'BMLHF',
  paramCount: 1,
  bestEpoch: 1,
  epochsRun: history.length,
  history,
  notes: [],
  test: { acc: 0.8, fakeP: 0, fakeR: 0, fakeF1: 0, realP: 0, realR: 0, realF1: 0, macroF1: 0, n: 1 },
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
});

/** histories per method: text/image s per epoch */
function ctxWith(curves: Record<'BMLHF' | 'BMLHF-I', [number, number][]>): ArtefactContext {
  const m = new Map<string, RunResult>();
  for (const method of ['BMLHF', 'BMLHF-I'] as const)
    for (const s of table2Runs('quick', 'synthetic', method))
      m.set(
        specHash(s),
        fake(
          s,
          curves[method].map(([t, i], e) => row(e + 1, t, i)),
        ),
      );
  return { profile: 'quick', unavailable: () => undefined, result: (s) => m.get(specHash(s))! };
}

describe('bmlhf fig7', () => {
  it("uses only Table 2's runs (BMLHF and BMLHF-I): nothing new to train", () => {
    const t2 = new Set(table2.runs('quick').map(specHash));
    expect(fig7.runs('quick').every((s) => t2.has(specHash(s)))).toBe(true);
    expect(fig7.runs('full').length).toBe(TABLE2_PLAN.full.datasets.length * 10);
  });

  it('gapCurve = mean text s − mean image s per epoch; a missing column is an error', () => {
    expect(gapCurve([row(1, 0.7, 0.5), row(2, 0.8, 0.6)]).map((x) => +x.toFixed(6))).toEqual([0.2, 0.2]);
    expect(() => gapCurve([{ epoch: 1, train_score_textPattern: 0.5 }])).toThrow(/train_score_textSemantic/);
  });

  it('claims: text > image, MIB narrows the gap, the gap shrinks with training — and each flips', async () => {
    const narrowing: [number, number][] = [
      [0.7, 0.5],
      [0.8, 0.55],
      [0.8, 0.65],
      [0.8, 0.7],
    ]; // gaps 0.2 0.25 0.15 0.1
    const wide: [number, number][] = [
      [0.7, 0.5],
      [0.85, 0.55],
      [0.9, 0.55],
      [0.9, 0.55],
    ]; // final gap 0.35
    const good = await fig7.build(ctxWith({ BMLHF: narrowing, 'BMLHF-I': wide }));
    expect(good.claims!.map((c) => [c.statement, leaning(c)])).toEqual([
      ['the text views carry more information (higher s) than the image views', true],
      ['MIB narrows the text–image information gap', true],
      ['with MIB the text–image information gap decreases as training progresses', true],
    ]);
    expect(good.claims![1].evidence).toMatch(/with MIB 0\.100 vs without 0\.350/);

    const bad = await fig7.build(ctxWith({ BMLHF: wide.map(([t, i]) => [i, t]), 'BMLHF-I': narrowing }));
    expect(bad.claims!.map((c) => leaning(c))).toEqual([false, false, false]);
  });

  it('figures per dataset plus the gap figure; final-epoch table', async () => {
    const out = await fig7.build(
      ctxWith({
        BMLHF: [
          [0.6, 0.5],
          [0.7, 0.6],
        ],
        'BMLHF-I': [
          [0.6, 0.5],
          [0.8, 0.5],
        ],
      }),
    );
    expect(out.figures!.map((f) => f.name)).toEqual(['fig7-synthetic', 'fig7-gap']);
    const t = out.tables![0].table.objects() as Record<string, unknown>[];
    expect(t).toHaveLength(2);
    expect(t[1]).toMatchObject({ condition: 'without MIB (BMLHF-I)', seeds: 1, epoch: 2, 'text − image': '0.300' });
    expect(t[0].seeds).toBe(5);
  });
});
