/**
 * Charts that show every result: bars start at zero (or become dots when
 * the axis starts above it), no two series share a colour, and no two text
 * boxes overlap — on data shaped like the charts that broke these rules
 * (CMC Table 2 with values under 0.3, HMS's 15-model missing-rate panel,
 * 10 balancing methods, coolant/attention's four facets, BMLHF Table 1's
 * long method names).
 */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../lib/figures/bar';
import { lineChart } from '../../lib/figures/line';
import { scatterChart } from '../../lib/figures/scatter';
import { categorical } from '../../lib/figures/defaults';
import { overlaps, textBoxes } from '../helpers/svg-text';

/** distinct fill / stroke colours of the marks (legend swatches excluded) */
const markColours = (svg: string) => new Set([...svg.slice(svg.indexOf('<svg', 10)).matchAll(/(?:fill|stroke)="(#[0-9A-Fa-f]{6})"/g)].map((m) => m[1].toUpperCase()));
const MODELS15 = ['text-only', 'image-only', 'late fusion (SpotFake+)', 'MM fine-tuning', 'modality dropout', 'MoMKE-style', 'HMS', 'HMS + UKR', 'BMLHF', 'EANN', 'SAFE', 'MRML', 'CAFE', 'BMR', 'pair-MLP'];

describe('figure legibility', () => {
  it('the text-box check finds an overlap when there is one', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" font-size="10"><text x="10" y="20">0.54</text><text x="22" y="20">0.50</text><text x="10" y="60">apart</text></svg>';
    expect(overlaps(textBoxes(svg))).toEqual([['0.54', '0.50']]);
  });

  it('an axis from above zero draws dots and whiskers, never a cut-off bar, and keeps values under its start', () => {
    const rows = ['a', 'b'].map((g, i) => ({ group: g, series: 'ours', value: [0.215, 0.85][i], std: 0.01 }));
    const svg = barChart(rows, { y: 'accuracy', yDomain: [0.3, 1] });
    expect(svg).toContain('<circle');
    expect(svg).not.toMatch(/aria-label="bar"/);
    expect(svg).toMatch(/>0\.20?</); // the axis reaches down to the lowest value
  });

  it('15 series: 15 colours; more than the extended palette is an error', () => {
    expect(new Set(categorical(MODELS15).range).size).toBe(15);
    expect(() => categorical(Array.from({ length: 30 }, (_, i) => `s${i}`))).toThrow(/facet it/);
    const rows = MODELS15.flatMap((m, i) => [0, 0.2, 0.4, 0.6, 0.8].map((x) => ({ x, y: 0.75 - 0.002 * i - 0.2 * x, series: m })));
    const svg = lineChart(rows, { title: 'Every model', x: 'missing rate', y: 'macro-F1', endLabels: true, width: 900 });
    expect(markColours(svg).size).toBeGreaterThanOrEqual(15);
    expect(overlaps(textBoxes(svg))).toEqual([]);
  });

  it('10 methods over a swept strength, end labels that nearly coincide: no overlap', () => {
    const methods = ['joint training', 'MIB (BMLHF)', 'OGM-GE', 'MMCosine', 'AGM', 'PMR', 'MLA', 'Gradient blending', 'UKR', 'relearning'];
    const rows = methods.flatMap((m, i) => [0.2, 0.5, 1].map((x) => ({ x, y: 0.8 + 0.001 * i, std: 0.01, series: m, facet: x > 0 ? 'panel' : 'panel' })));
    const svg = lineChart(rows, { title: 'strength', x: 'image strength', y: 'accuracy', endLabels: true, width: 900 });
    expect(new Set(categorical(methods).range).size).toBe(10);
    expect(overlaps(textBoxes(svg))).toEqual([]);
  });

  it('four facets of a scatter with a shared x scale: tick labels do not run together', () => {
    const facets = ['Synthetic', 'Twitter', 'Twitter (CLIP ViT-B/32)', 'Weibo (text only)'];
    const rows = facets.flatMap((f) => Array.from({ length: 40 }, (_, i) => ({ x: 0.5 + (0.0415 * i) / 39, y: (i % 7) / 10, label: ['correlation', 'image', 'text'][i % 3], facet: f })));
    const svg = scatterChart(rows, { title: 'Attention weights against ambiguity', x: 'ambiguity a', y: 'attention weight', labelNames: {}, fields: { facet: 'facet' } });
    expect(overlaps(textBoxes(svg))).toEqual([]);
  });

  it('long group names under narrow bands (BMLHF Table 1, HMS Table 1): turned, no overlap', () => {
    const groups = ['text-only', 'image-only', 'EANN', 'SpotFake+', 'SAFE', 'MRML', 'CAFE', 'BMR', 'BMLHF', 'late fusion (SpotFake+)', 'MM fine-tuning'];
    const rows = groups.flatMap((g, i) => ['ours', 'paper'].flatMap((s) => ['Weibo', 'Twitter'].map((facet) => ({ group: g, series: s, value: 0.6 + 0.02 * i, std: 0.01, facet }))));
    const svg = barChart(rows, { title: 'Table 1', y: 'accuracy', yDomain: [0.3, 1], labels: false, fields: { facet: 'facet' } });
    expect(overlaps(textBoxes(svg))).toEqual([]);
    const flat = groups.map((g, i) => ({ group: g, value: 0.5 + 0.02 * i }));
    expect(overlaps(textBoxes(barChart(flat, { y: 'macro-F1', yDomain: [0.3, 0.85], width: 960, digits: 2 })))).toEqual([]);
  });
});

describe('heatmap colour scales', () => {
  it('signed drops on a diverging scale: a −0.03 and a +0.06 are coloured, not white', async () => {
    const { heatmapChart } = await import('../../lib/figures/heatmap');
    const cells = [-0.03, 0.0, 0.06].map((value, h) => ({ x: `h${h}`, y: 'L0', value }));
    const fills = (svg: string) => [...svg.matchAll(/<rect [^>]*fill="(rgb\([^)]*\)|#[0-9a-f]{6})"/gi)].map((m) => m[1]);
    const seq = fills(heatmapChart(cells, { domain: [0, 1] }));
    const div = fills(heatmapChart(cells, { diverging: true }));
    expect(div.length).toBeGreaterThanOrEqual(3);
    // the diverging scale gives the negative and the positive cell different, non-white colours
    expect(new Set(div.slice(-3)).size).toBe(3);
    expect(seq.length).toBeGreaterThanOrEqual(3);
  });
});
