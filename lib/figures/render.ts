/**
 * Headless rendering of Observable Plot charts: Plot options → standalone,
 * deterministic SVG string → PNG (resvg) → files.
 *
 * Determinism: the same options give byte-identical SVG. Plot's only
 * run-to-run variation is its clip/pattern id counter (see stableIds); its
 * class name ("plot-d6a7b5") is a constant of the Plot version. Plot's
 * half-pixel `offset` depends on a global `window`/`it` at import time, so
 * keep vitest `globals: false` or snapshots shift by 0.5 px.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as Plot from '@observablehq/plot';
import { Resvg } from '@resvg/resvg-js';
import { plotDocument } from './dom';
import { standalone, type Legend, type Swatch } from './standalone';
import { writeAtomic } from '../util/write-atomic';

export type PlotOptions = Plot.PlotOptions;

export interface RenderOptions {
  /** how an ordinal colour legend draws its keys: bars → 'rect', lines → 'line', points → 'dot' */
  swatch?: Swatch;
}

/** What our code touches on the element Plot returns (tsconfig has no DOM lib). */
interface PlotElement {
  tagName: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PlotElement>;
  scale?(name: string): { type: string; domain: unknown[]; range?: unknown[]; apply?(v: unknown): unknown; label?: string } | undefined;
}

function colorOptions(options: PlotOptions): { legend?: unknown; label?: unknown } | undefined {
  const c = options.color as { legend?: unknown; label?: unknown } | undefined;
  return c && typeof c === 'object' ? c : undefined;
}

/**
 * The legend, read back from the scale Plot materialised (so it matches the
 * marks' colours exactly). A title is shown only if the caller set
 * `color.label` for ordinal scales: Plot's default label there is the
 * channel name (e.g. "series"), which is noise above self-explaining keys.
 */
function legendOf(chart: PlotElement, swatch: Swatch, label: string | undefined): Legend | undefined {
  const s = chart.scale?.('color');
  if (!s) return undefined;
  if (s.type === 'ordinal' || s.type === 'categorical') {
    return { type: 'ordinal', domain: s.domain, range: (s.range ?? []).map(String), swatch, label };
  }
  if (!s.apply) return undefined;
  const [lo, hi] = [Number(s.domain[0]), Number(s.domain[s.domain.length - 1])];
  const colors = Array.from({ length: 11 }, (_, i) => String(s.apply!(lo + ((hi - lo) * i) / 10)));
  return { type: 'ramp', domain: [lo, hi], colors, label: label ?? s.label ?? undefined };
}

/** Plot options → standalone SVG document (xmlns, white background, title/legend/caption drawn as SVG). */
export function renderSvg(options: PlotOptions, render: RenderOptions = {}): string {
  const { title, subtitle, caption, ...rest } = options as PlotOptions & { title?: unknown; subtitle?: unknown; caption?: unknown };
  const legend = !!colorOptions(options)?.legend;
  const legendLabel = colorOptions(options)?.label;
  const color = options.color ? { ...(options.color as object), legend: false } : undefined;
  const el = Plot.plot({ ...rest, ...(color ? { color } : {}), document: plotDocument() } as PlotOptions) as unknown as PlotElement;
  // a <figure> only appears if the caller asked for one (figure: true); the chart is its last <svg>
  const svgs = el.tagName.toLowerCase() === 'svg' ? [el] : Array.from(el.querySelectorAll('svg'));
  const chart = svgs[svgs.length - 1];
  if (!chart) throw new Error('renderSvg: Plot returned no <svg>');
  const width = Number(chart.getAttribute('width'));
  const height = Number(chart.getAttribute('height'));
  return standalone(roundCoordinates(chart.outerHTML), width, height, {
    title: title == null ? undefined : String(title),
    subtitle: subtitle == null ? undefined : String(subtitle),
    caption: caption == null ? undefined : String(caption),
    legend: legend ? legendOf(el, render.swatch ?? 'rect', legendLabel == null ? undefined : String(legendLabel)) : undefined,
  });
}

/**
 * Geometry attributes to 0.1 px: Plot writes scale output at full double precision
 * ("221.995199519952"), which made a 3,000-point scatter 391 KB and the report that inlines
 * every figure over 2 MiB. Text content (tick labels) and short values such as y="0.32em" are left alone.
 */
const GEOMETRY = /(\s(?:d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points)=")([^"]*)"/g;
export function roundCoordinates(svg: string): string {
  return svg.replace(GEOMETRY, (_, head: string, value: string) => `${head}${value.replace(/(\d\.\d)\d{2,}/g, '$1')}"`);
}

export interface PngOptions {
  /** pixel density: 2 gives a 1280-px-wide PNG for a 640-px figure (default 2) */
  scale?: number;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';

/**
 * SVG → PNG bytes. Fonts: only the system DejaVu directory when present
 * (faster than scanning every system font, and the same glyphs on every
 * machine with the Debian package); otherwise all system fonts.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const dejavu = fs.existsSync(DEJAVU);
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    font: {
      loadSystemFonts: !dejavu,
      fontDirs: dejavu ? [DEJAVU] : [],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return r.render().asPng();
}

/**
 * Writes `<dir>/<name>.svg` and `<dir>/<name>.png` (each via a temp file and
 * rename, so a reader never sees half a figure). `figure` is Plot options or
 * an SVG string from renderSvg / a builder. Returns the two paths.
 */
export function writeFigure(dir: string, name: string, figure: PlotOptions | string, options: PngOptions & RenderOptions = {}): string[] {
  const svg = typeof figure === 'string' ? figure : renderSvg(figure, options);
  fs.mkdirSync(dir, { recursive: true });
  const svgPath = path.join(dir, `${name}.svg`);
  const pngPath = path.join(dir, `${name}.png`);
  writeAtomic(svgPath, svg);
  writeAtomic(pngPath, svgToPng(svg, options));
  return [svgPath, pngPath];
}
