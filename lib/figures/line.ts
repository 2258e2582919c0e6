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
  /** write each series' name beside its last point (many series share the palette's 8 colours) */
  endLabels?: boolean;
}

interface Point {
  x: number;
  y: number;
  lo: number;
  hi: number;
  series: string;
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
  const colour = hasSeries ? 'series' : PALETTE[0];
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
    color: hasSeries ? { ...categorical(series), legend: true } : undefined,
    marks: [
      Plot.areaY(banded, { x: 'x', y1: 'lo', y2: 'hi', fill: colour, ...z, ...fx, fillOpacity: 0.18 }),
      Plot.lineY(points, { x: 'x', y: 'y', stroke: colour, ...z, ...fx, strokeWidth: 2 }),
      ...(markers ? [Plot.dot(points, { x: 'x', y: 'y', fill: colour, ...fx, r: 2.5 })] : []),
      ...(options.endLabels && hasSeries
        ? [Plot.text(series.map((sr) => ((ps) => ps[ps.length - 1])(points.filter((p) => p.series === sr))), { x: 'x', y: 'y', text: 'series', fill: colour, ...fx, textAnchor: 'start', dx: 6, fontSize: 10 })]
        : []),
    ],
  } as PlotOptions;
}

/** The line chart as a standalone SVG string. */
export function lineChart(data: Data, options: LineOptions = {}): string {
  return renderSvg(linePlot(data, options), { swatch: 'line' });
}
