/**
 * A grid of values as coloured cells with the value printed in each —
 * e.g. HMS's attention share per (layer, head), one panel per modality.
 * Rows: { x, y, value, facet? } (names remappable via `fields`); x and y are
 * categories (head, layer), the colour a sequential ramp over `domain`.
 */
import * as Plot from '@observablehq/plot';
import { frame, type FrameOptions } from './defaults';
import { renderSvg, type PlotOptions } from './render';
import { distinct, num, toRows, type Data } from './rows';

export interface HeatmapOptions extends FrameOptions {
  fields?: { x?: string; y?: string; value?: string; facet?: string };
  x?: string;
  y?: string;
  /** colour domain (default the data's range) */
  domain?: [number, number];
  /** legend label of the colour ramp */
  label?: string;
  /** decimals of the printed values (default 2) */
  digits?: number;
  /**
   * signed values (differences, drops): a diverging scale centred on 0, so small values of either sign are
   * not white. One chart, one kind of quantity: put shares and drops in separate charts, each its own scale.
   */
  diverging?: boolean;
}

export function heatmapPlot(data: Data, options: HeatmapOptions = {}): PlotOptions {
  const f = { x: 'x', y: 'y', value: 'value', ...options.fields };
  const rows = toRows(data);
  const cells = rows.map((r, i) => ({
    x: String(r[f.x]),
    y: String(r[f.y]),
    value: num(r, f.value, i)!,
    ...(f.facet ? { facet: String(r[f.facet]) } : {}),
  }));
  const digits = options.digits ?? 2;
  const fx = f.facet ? { fx: 'facet' } : {};
  const { width, height, ...text } = frame(options, 320);
  return {
    ...text,
    width,
    height,
    padding: 0.04,
    x: { label: options.x ?? f.x, domain: distinct(cells as never[], 'x') },
    y: { label: options.y ?? f.y, domain: distinct(cells as never[], 'y') },
    ...(f.facet ? { fx: { label: null, domain: distinct(cells as never[], 'facet') } } : {}),
    color: options.diverging
      ? { type: 'diverging', scheme: 'PuOr', pivot: 0, symmetric: true, legend: true, label: options.label ?? f.value, ...(options.domain ? { domain: options.domain } : {}) }
      : { type: 'linear', scheme: 'blues', legend: true, label: options.label ?? f.value, ...(options.domain ? { domain: options.domain } : {}) },
    marks: [
      Plot.cell(cells, { x: 'x', y: 'y', fill: 'value', ...fx }),
      Plot.text(cells, { x: 'x', y: 'y', ...fx, text: (d: { value: number }) => d.value.toFixed(digits), fill: 'black', fontSize: 11 }),
    ],
  } as PlotOptions;
}

/** The heatmap as a standalone SVG string. */
export function heatmapChart(data: Data, options: HeatmapOptions = {}): string {
  return renderSvg(heatmapPlot(data, options));
}
