/**
 * Grouped bar chart with mean ± std error bars — e.g. BMLHF Fig. 1/8:
 * groups = model families, bars = text-only / image-only / multimodal.
 * Rows: { group, series?, value, std? } (column names remappable via
 * `fields`); an optional `facet` column gives one row of panels per value
 * (e.g. per dataset).
 *
 * Bars start at zero: a bar's length is its value. A `yDomain` that starts
 * above zero (accuracies between 0.8 and 0.9, where a zero baseline would
 * hide the differences) draws a dot at each mean with its ± std whisker
 * instead, on an axis widened to every value (no point is clipped away).
 * Group labels too long for their band are turned, so none overlap.
 */
import * as Plot from '@observablehq/plot';
import { categorical, frame, PALETTE, type FrameOptions } from './defaults';
import { renderSvg, type PlotOptions } from './render';
import { distinct, num, toRows, type Data } from './rows';

export interface BarOptions extends FrameOptions {
  fields?: { group?: string; series?: string; value?: string; std?: string; facet?: string };
  /** axis label under the groups (default none: group names speak for themselves) */
  x?: string;
  /** value axis label (default the value column's name) */
  y?: string;
  yDomain?: [number, number];
  /** print the mean above each bar (default true) */
  labels?: boolean;
  /** decimals of those labels (default 3) */
  digits?: number;
}

interface Bar {
  group: string;
  series: string;
  value: number;
  lo: number;
  hi: number;
  top: number;
  text: string;
  facet?: string;
}

export function barPlot(data: Data, options: BarOptions = {}): PlotOptions {
  const f = { group: 'group', series: 'series', value: 'value', std: 'std', ...options.fields };
  const rows = toRows(data);
  const hasSeries = rows.some((r) => r[f.series] !== undefined);
  const digits = options.digits ?? 3;
  const bars: Bar[] = rows.map((r, i) => {
    const value = num(r, f.value, i)!;
    const std = num(r, f.std, i, true) ?? 0;
    return {
      group: String(r[f.group]),
      series: hasSeries ? String(r[f.series]) : String(r[f.group]),
      value,
      lo: value - std,
      hi: value + std,
      top: Math.max(value, value + std),
      text: value.toFixed(digits),
      ...(f.facet ? { facet: String(r[f.facet]) } : {}),
    };
  });
  const withStd = bars.filter((b) => b.hi !== b.lo);
  const groups = distinct(bars as never[], 'group');
  const series = distinct(bars as never[], 'series');
  const facets = f.facet ? distinct(bars as never[], 'facet') : [];
  // grouped: one band per group (fx), one bar per series inside it (x); ungrouped: bars straight on x
  const pos = hasSeries ? { fx: 'group', x: 'series' } : { x: 'group' };
  const fy = f.facet ? { fy: 'facet' } : {};
  const fill = hasSeries ? 'series' : PALETTE[0];
  const { width, height, ...text } = frame(options, f.facet ? 60 + 220 * facets.length : undefined);
  // a y axis from above zero: dots and whiskers, never bars with a cut-off base
  const dots = !!options.yDomain && options.yDomain[0] > 0;
  const yDomain: [number, number] | undefined = options.yDomain && dots
    ? [Math.min(options.yDomain[0], Math.floor(Math.min(...bars.map((b) => Math.min(b.lo, b.value))) * 20) / 20), Math.max(options.yDomain[1], ...bars.map((b) => b.hi))]
    : options.yDomain;
  // group labels wider than their band (≈ 6.1 px a character at 10 px) are turned by 40° (their ends then sit a band apart)
  const marginRight = f.facet ? 8 + 7 * Math.max(...facets.map((x) => String(x).length)) : 20;
  const band = (width - 50 - marginRight) / Math.max(1, groups.length);
  const longest = Math.max(0, ...groups.map((g) => String(g).length)) * 6.1;
  const turn = longest > band * 0.92;
  const tick = turn ? { tickRotate: -40 } : {};
  return {
    ...text,
    width,
    height: height + (turn ? Math.round(longest * 0.64) : 0),
    marginBottom: turn ? 40 + Math.round(longest * 0.64) : 40,
    // facet names sit right of each panel row
    ...(f.facet ? { marginRight } : {}),
    ...(hasSeries
      ? { fx: { domain: groups, axis: 'bottom', label: options.x ?? null, padding: 0.12, ...tick }, x: { domain: series, axis: null, paddingInner: 0.08 } }
      : { x: { domain: groups, label: options.x ?? null, padding: 0.2, ...tick } }),
    ...(f.facet ? { fy: { domain: facets, label: null } } : {}),
    y: { label: options.y ?? f.value, grid: true, ...(yDomain ? { domain: yDomain } : {}) },
    color: hasSeries ? { ...categorical(series), legend: true } : undefined,
    marks: [
      ...(dots ? [] : [Plot.barY(bars, { ...pos, ...fy, y: 'value', fill })]),
      Plot.ruleX(withStd, { ...pos, ...fy, y1: 'lo', y2: 'hi', stroke: '#222', strokeWidth: 1.5 }),
      Plot.tickY(withStd, { ...pos, ...fy, y: 'lo', stroke: '#222', strokeWidth: 1.5, inset: 8 }),
      Plot.tickY(withStd, { ...pos, ...fy, y: 'hi', stroke: '#222', strokeWidth: 1.5, inset: 8 }),
      // dots over their whiskers
      ...(dots ? [Plot.dot(bars, { ...pos, ...fy, y: 'value', fill, r: 4.5, stroke: 'white', strokeWidth: 0.8 })] : []),
      ...(options.labels === false ? [] : [Plot.text(bars, { ...pos, ...fy, y: 'top', text: 'text', dy: -4, lineAnchor: 'bottom' })]),
      ...(dots ? [] : [Plot.ruleY([0])]),
    ],
  } as PlotOptions;
}

/** The grouped bar chart as a standalone SVG string. */
export function barChart(data: Data, options: BarOptions = {}): string {
  return renderSvg(barPlot(data, options), { swatch: 'rect' });
}
