/**
 * The explorer's three live charts (Observable Plot on the page's DOM), in
 * the colours of lib/figures. Each series is its own mark with an aria-description,
 * so a reader (or the browser test) can find "Image (joint)" in the SVG.
 */
import * as Plot from '@observablehq/plot';
import { PALETTE } from '../../lib/figures/defaults';
import type { EpochPoint, ExplorerResult, ModelName } from './experiment';

type Row = { x: number; y: number; series: string };

const SERIES_COLOUR: Record<string, string> = {
  'Text (joint)': PALETTE[0],
  'Image (joint)': PALETTE[1],
  'Image-only': PALETTE[2],
  'Text-only': PALETTE[5],
  'text-only': PALETTE[5],
  'image-only': PALETTE[2],
  joint: PALETTE[3],
};

function lines(
  rows: Row[],
  o: { x: string; y: string; yDomain?: [number, number]; xDomain?: [number, number]; dashed?: string[]; rule?: { y: number; label: string } },
): Element {
  const series = [...new Set(rows.map((r) => r.series))];
  return Plot.plot({
    width: 470,
    height: 250,
    marginLeft: 44,
    style: { fontSize: '12px', background: 'white' },
    x: { label: o.x, ...(o.xDomain ? { domain: o.xDomain } : {}) },
    y: { label: o.y, grid: true, ...(o.yDomain ? { domain: o.yDomain } : {}) },
    color: { domain: series, range: series.map((s) => SERIES_COLOUR[s] ?? PALETTE[6]), legend: true },
    marks: [
      ...(o.rule
        ? [
            Plot.ruleY([o.rule.y], { stroke: '#888', strokeDasharray: '2,3', ariaDescription: o.rule.label }),
            Plot.text([o.rule.label], { x: o.xDomain?.[0] ?? 0, y: o.rule.y, dy: 9, dx: 4, textAnchor: 'start', fill: '#666' }),
          ]
        : []),
      ...series.flatMap((s) => {
        const data = rows.filter((r) => r.series === s);
        const dash = o.dashed?.includes(s) ? { strokeDasharray: '5,3' } : {};
        return [
          Plot.lineY(data, { x: 'x', y: 'y', stroke: SERIES_COLOUR[s] ?? PALETTE[6], strokeWidth: 2, ariaDescription: s, ...dash }),
          Plot.dot(data, {
            x: 'x',
            y: 'y',
            fill: SERIES_COLOUR[s] ?? PALETTE[6],
            r: 2.5,
            ariaDescription: `${s} points`,
            tip: true,
            title: (d: Row) => `${s}, ${o.x} ${d.x}: ${d.y.toFixed(3)}`,
          }),
        ];
      }),
    ],
  }) as unknown as Element;
}

/** BMLHF Fig. 2: batch-average softmax probability of the true class from each branch, per epoch. */
export function scoresChart(points: EpochPoint[], epochs: number): Element {
  const rows: Row[] = [];
  for (const p of points) {
    if (p.model === 'joint') {
      if (p.scoreText !== undefined) rows.push({ x: p.epoch, y: p.scoreText, series: 'Text (joint)' });
      if (p.scoreImage !== undefined) rows.push({ x: p.epoch, y: p.scoreImage, series: 'Image (joint)' });
    } else if (p.model === 'image-only' && p.scoreImage !== undefined) rows.push({ x: p.epoch, y: p.scoreImage, series: 'Image-only' });
    else if (p.model === 'text-only' && p.scoreText !== undefined) rows.push({ x: p.epoch, y: p.scoreText, series: 'Text-only' });
  }
  rows.sort((a, b) => order(a.series) - order(b.series) || a.x - b.x);
  return lines(rows, {
    x: 'epoch',
    y: 'score (p of the true class)',
    yDomain: [0.4, 1],
    xDomain: [1, Math.max(2, epochs)],
    dashed: ['Text-only', 'Image-only'],
  });
}

const ORDER = ['Text (joint)', 'Image (joint)', 'Text-only', 'Image-only'];
const order = (s: string) => ORDER.indexOf(s);

/** Validation accuracy per epoch of the three models. */
export function accuracyChart(points: EpochPoint[], epochs: number): Element {
  return lines(
    points.map((p) => ({ x: p.epoch, y: p.valAcc, series: p.model })),
    { x: 'epoch', y: 'validation accuracy', yDomain: [0.4, 1], xDomain: [1, Math.max(2, epochs)] },
  );
}

/** Test accuracy as more test posts lose the chosen modality. */
export function missingChart(r: ExplorerResult): Element {
  return lines(
    r.curve.map((c) => ({ x: c.rate, y: c.acc, series: c.model as ModelName })),
    {
      x: `test posts without the ${r.settings.missingModality === 'both' ? 'text or the image' : r.settings.missingModality}`,
      y: 'test accuracy',
      yDomain: [0.3, 1],
      xDomain: [0, 1],
      rule: { y: Math.max(r.testFakeShare, 1 - r.testFakeShare), label: 'always the majority class' },
    },
  );
}
