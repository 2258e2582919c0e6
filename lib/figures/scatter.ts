/**
 * 2-D embedding coloured by class — BMLHF Figs 4–6 (t-SNE of fused
 * features, real vs fake). Rows: { x, y, label, facet? } (names remappable
 * via `fields`). t-SNE axes carry no units, so axes are hidden by default
 * and each panel gets a frame instead.
 */
import * as Plot from '@observablehq/plot';
import { categorical, frame, type FrameOptions } from './defaults';
import { renderSvg, type PlotOptions } from './render';
import { distinct, num, toRows, type Data } from './rows';

export interface ScatterOptions extends FrameOptions {
  fields?: { x?: string; y?: string; label?: string; facet?: string };
  /** display names of label values, e.g. { 0: 'real', 1: 'fake' } */
  labelNames?: Record<string, string>;
  /** show axes with these labels (default: no axes, as for t-SNE) */
  x?: string;
  y?: string;
  axes?: boolean;
  /** dot radius (default 2) and opacity (default 0.7: dense clusters stay readable) */
  r?: number;
  opacity?: number;
}

/** Numbers numerically, then strings: 0/1 labels give "real" before "fake". */
function compare(a: unknown, b: unknown): number {
  const [na, nb] = [Number(a), Number(b)];
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function scatterPlot(data: Data, options: ScatterOptions = {}): PlotOptions {
  const f = { x: 'x', y: 'y', label: 'label', ...options.fields };
  const names = options.labelNames ?? {};
  const rows = toRows(data);
  const raw = distinct(rows, f.label).sort(compare);
  const display = (v: unknown) => names[String(v)] ?? String(v);
  const points = rows.map((r, i) => ({
    x: num(r, f.x, i)!,
    y: num(r, f.y, i)!,
    label: display(r[f.label]),
    ...(f.facet ? { facet: String(r[f.facet]) } : {}),
  }));
  const axes = options.axes ?? (options.x !== undefined || options.y !== undefined);
  const fx = f.facet ? { fx: 'facet' } : {};
  const { width, height, ...text } = frame(options, f.facet ? 300 : 420);
  return {
    ...text,
    width,
    height,
    // side-by-side panels share the x scale: a few ticks per panel (one per ~70 px), so the last label of a
    // panel and the first of the next do not run together ("0.540.50")
    x: axes ? { label: options.x ?? f.x, ...(f.facet ? { ticks: Math.max(2, Math.floor((width - 60) / Math.max(1, distinct(points as never[], 'facet').length) / 70)), inset: 6 } : {}) } : { axis: null, inset: 8 },
    y: axes ? { label: options.y ?? f.y } : { axis: null, inset: 8 },
    ...(f.facet ? { fx: { label: null, domain: distinct(points as never[], 'facet'), padding: 0.12 } } : {}),
    color: { ...categorical(raw.map(display)), legend: true },
    marks: [
      ...(axes ? [] : [Plot.frame({ stroke: '#bbb' })]),
      Plot.dot(points, { x: 'x', y: 'y', fill: 'label', ...fx, r: options.r ?? 2, fillOpacity: options.opacity ?? 0.7 }),
    ],
  } as PlotOptions;
}

/** The scatter plot as a standalone SVG string. */
export function scatterChart(data: Data, options: ScatterOptions = {}): string {
  return renderSvg(scatterPlot(data, options), { swatch: 'dot' });
}
