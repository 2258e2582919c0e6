/**
 * Series over epochs / iterations / a swept parameter, with optional
 * mean ± std bands — BMLHF Fig. 2 (logit scores), Figs 7 and 12, the
 * sensitivity curves of Figs 9–11. Rows: { x, y, std?, series?, facet? }
 * (names remappable via `fields`); `facet` gives one panel per value.
 */
import * as Plot from '@observablehq/plot';
import { categorical, frame, PALETTE, type FrameOptions } from './defaults';
import { renderSvg, type PlotOptions } from './render';
import { distinct, num, toRows, type Data } from './rows';

export interface LineOptions extends FrameOptions {
  fields?: { x?: string; y?: string; std?: string; series?: string; facet?: string };
  /** axis labels (default the column names) */
  x?: string;
  y?: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** 'log' for swept learning rates / loss weights; 'point' for a handful of unevenly spaced settings */
  xType?: 'linear' | 'log' | 'point';
  /** draw a dot per point: 'auto' (default) = when every series has ≤ 30 points */
  markers?: boolean | 'auto';
  /** shade mean ± std when a std column is present (default true) */
  band?: boolean;
  /** write each series' name beside its last point (spread apart vertically so that no two overlap) */
  endLabels?: boolean;
  /**
   * the colour (and legend) key of a series, when there are more series than colours and a few kinds of them
   * (e.g. '…_image' / '…_text' records of several balancers): lines stay one per series, named by their end labels
   */
  colorBy?: (series: string) => string;
}

interface Point {
  x: number;
  y: number;
  lo: number;
  hi: number;
  series: string;
  /** colour key: the series, or options.colorBy(series) */
  key: string;
  facet?: string;
  hasStd: boolean;
}

export function linePlot(data: Data, options: LineOptions = {}): PlotOptions {
  const f = { x: 'x', y: 'y', std: 'std', series: 'series', ...options.fields };
  const rows = toRows(data);
  const hasSeries = rows.some((r) => r[f.series] !== undefined);
  const points: Point[] = rows.map((r, i) => {
    const y = num(r, f.y, i)!;
    const std = num(r, f.std, i, true);
    return {
      x: num(r, f.x, i)!,
      y,
      lo: y - (std ?? 0),
      hi: y + (std ?? 0),
      series: hasSeries ? String(r[f.series]) : '',
      key: hasSeries ? (options.colorBy ?? String)(String(r[f.series])) : '',
      hasStd: std !== undefined,
      ...(f.facet ? { facet: String(r[f.facet]) } : {}),
    };
  });
  const series = distinct(points as never[], 'series');
  // lines join points in data order: sort by x within each series (stable, so ties keep input order)
  const order = new Map(series.map((s, i) => [s, i]));
  points.sort((a, b) => order.get(a.series)! - order.get(b.series)! || a.x - b.x);
  const perSeries = Math.max(0, ...series.map((s) => points.filter((p) => p.series === s).length));
  const markers = options.markers === 'auto' || options.markers === undefined ? perSeries <= 30 : options.markers;
  const colour = hasSeries ? 'key' : PALETTE[0];
  const z = hasSeries ? { z: 'series' } : {};
  const fx = f.facet ? { fx: 'facet' } : {};
  const banded = options.band === false ? [] : points.filter((p) => p.hasStd);
  const { width, height, ...text } = frame(options);
  const labelRoom = options.endLabels && hasSeries ? { marginRight: 130 } : {};
  return {
    ...text,
    width,
    height,
    ...labelRoom,
    x: {
      label: options.x ?? f.x,
      ...(options.xType && options.xType !== 'linear' ? { type: options.xType } : {}),
      ...(options.xDomain ? { domain: options.xDomain } : {}),
    },
    y: { label: options.y ?? f.y, grid: true, ...(options.yDomain ? { domain: options.yDomain } : {}) },
    ...(f.facet ? { fx: { label: null, domain: distinct(points as never[], 'facet'), ...(options.endLabels ? { padding: 0.3 } : {}) } } : {}),
    color: hasSeries ? { ...categorical(distinct(points as never[], 'key')), legend: true } : undefined,
    marks: [
      Plot.areaY(banded, { x: 'x', y1: 'lo', y2: 'hi', fill: colour, ...z, ...fx, fillOpacity: 0.18 }),
      Plot.lineY(points, { x: 'x', y: 'y', stroke: colour, ...z, ...fx, strokeWidth: 2 }),
      ...(markers ? [Plot.dot(points, { x: 'x', y: 'y', fill: colour, ...fx, r: 2.5 })] : []),
      ...(options.endLabels && hasSeries
        ? [Plot.text(endLabelRows(points, series as string[], options.yDomain, height), { x: 'x', y: 'ly', text: 'series', fill: colour, ...fx, textAnchor: 'start', dx: 6, fontSize: 10 })]
        : []),
    ],
  } as PlotOptions;
}

/**
 * Each series' last point, with a label height `ly` moved apart from the others of its panel so that no two
 * labels overlap: sorted by height, each at least one label (12 px, in data units of the y scale) above the
 * one below, then the stack shifted down when it leaves the top of the scale.
 */
function endLabelRows(points: Point[], series: string[], yDomain: [number, number] | undefined, height: number): (Point & { ly: number })[] {
  // the last point of each series in each panel
  const lastOf = new Map<string, Point>();
  for (const p of points) if (series.includes(p.series)) lastOf.set(`${p.facet ?? ''}\u0000${p.series}`, p); // points are sorted by x within a series
  const last = [...lastOf.values()];
  const lo = yDomain?.[0] ?? Math.min(...points.map((p) => Math.min(p.lo, p.y)));
  const hi = yDomain?.[1] ?? Math.max(...points.map((p) => Math.max(p.hi, p.y)));
  const gap = (12 * (hi - lo || 1)) / Math.max(50, height - 50); // 12 px of the plot area (height less Plot's default margins)
  const out: (Point & { ly: number })[] = [];
  for (const facet of new Set(last.map((p) => p.facet))) {
    const group = last.filter((p) => p.facet === facet).map((p) => ({ ...p, ly: p.y })).sort((a, b) => a.y - b.y);
    for (let i = 1; i < group.length; i++) group[i].ly = Math.max(group[i].ly, group[i - 1].ly + gap);
    const over = group.length ? group[group.length - 1].ly - hi : 0;
    if (over > 0) for (const g of group) g.ly -= over;
    for (let i = group.length - 2; i >= 0; i--) group[i].ly = Math.min(group[i].ly, group[i + 1].ly - gap);
    out.push(...group);
  }
  return out;
}

/** The line chart as a standalone SVG string. */
export function lineChart(data: Data, options: LineOptions = {}): string {
  return renderSvg(linePlot(data, options), { swatch: 'line' });
}
