/**
 * SVG snapshots of each builder on fixed data. A diff here is a visible
 * change: open the .svg under __snapshots__/ to review it, then update with
 * `npx vitest run test/figures -u`.
 */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../lib/figures/bar';
import { lineChart } from '../../lib/figures/line';
import { scatterChart } from '../../lib/figures/scatter';
import { heatmapChart } from '../../lib/figures/heatmap';
import { BARS, BARS_TABLE, CURVES, embedding } from './fixtures';

const snap = (name: string) => `./__snapshots__/${name}.svg`;

describe('barChart', () => {
  it('grouped bars with mean ± std error bars', async () => {
    const svg = barChart(BARS, { title: 'Fig. 1 — overall test accuracy, unimodal vs multimodal', y: 'accuracy', yDomain: [0.4, 1] });
    await expect(svg).toMatchFileSnapshot(snap('bar'));
  });

  it('reads an Arquero table through `fields`, the same picture', () => {
    const opts = { title: 't', y: 'accuracy' };
    expect(barChart(BARS_TABLE, { ...opts, fields: { group: 'family', series: 'version', value: 'acc', std: 'sd' } })).toBe(barChart(BARS, opts));
  });

  it('one panel row per facet', async () => {
    const rows = BARS.flatMap((b) => [{ ...b, dataset: 'Twitter' }, { ...b, dataset: 'Weibo', value: b.value - 0.1 }]);
    await expect(barChart(rows, { title: 'Per dataset', y: 'accuracy', fields: { facet: 'dataset' } })).toMatchFileSnapshot(snap('bar-facet'));
  });

  it('names the row and field of a bad value', () => {
    expect(() => barChart([{ group: 'a', value: 'n/a' }])).toThrow(/row 0: field "value" is not a finite number/);
  });
});

describe('lineChart', () => {
  it('series over epochs with ± std bands', async () => {
    const svg = lineChart(CURVES, { title: 'Fig. 2 — batch-average unimodal logit scores', x: 'epoch', y: 'softmax probability of the true class' });
    await expect(svg).toMatchFileSnapshot(snap('line'));
  });

  it('a single unlabelled series on a log x axis, no legend', async () => {
    const rows = [0.01, 0.1, 1, 10].map((x, i) => ({ x, y: 0.8 + 0.02 * i - 0.01 * i * i }));
    const svg = lineChart(rows, { title: 'Sensitivity to λ', x: 'λ', y: 'accuracy', xType: 'log' });
    expect(svg).not.toContain('aria-label="legend"');
    await expect(svg).toMatchFileSnapshot(snap('line-log'));
  });
});

describe('scatterChart', () => {
  it('2-D embedding coloured by label, one panel per method', async () => {
    const svg = scatterChart(embedding(), { title: 't-SNE of fused features', labelNames: { 0: 'real', 1: 'fake' }, fields: { facet: 'method' } });
    // legend order: real (0) before fake (1) whatever comes first in the data
    expect(svg.indexOf('>real</text>')).toBeLessThan(svg.indexOf('>fake</text>'));
    await expect(svg).toMatchFileSnapshot(snap('scatter'));
  });
});

describe('heatmapChart', () => {
  it('a layer × head grid of values, one panel per modality, with a colour ramp', async () => {
    const rows = ['text', 'image'].flatMap((m, mi) => [0, 1].flatMap((l) => [0, 1, 2, 3].map((h) => ({ x: `h${h}`, y: `L${l}`, value: 0.1 * h + 0.2 * l + 0.05 * mi, facet: m }))));
    const svg = heatmapChart(rows, { title: 'Attention share per head', x: 'head', y: 'layer', label: 'share', domain: [0, 1], fields: { facet: 'facet' } });
    expect(svg).toMatch(/>0\.55</);
    await expect(svg).toMatchFileSnapshot(snap('heatmap'));
  });
});
