/**
 * Inline figures in tslab notebooks:
 *
 *   import { show } from '../lib/figures/display';
 *   show(barChart(rows, { title: '…' }));          // SVG (crisp, selectable text)
 *   show(plotOptions, { as: 'png', scale: 2 });    // PNG (survives GitHub's notebook viewer, which drops inline SVG)
 *
 * tslab is loaded lazily with require(): tslab compiles local .ts files to
 * CommonJS and hooks require('tslab') to hand back the running kernel's
 * instance, so this works in notebooks, while scripts and tests that import
 * lib/figures never load tslab (nor its bundled TypeScript).
 */
import { renderSvg, svgToPng, type PlotOptions, type PngOptions, type RenderOptions } from './render';

interface TslabDisplay {
  html(s: string): void;
  svg(s: string): void;
  png(b: Uint8Array): void;
}

function tslabDisplay(): TslabDisplay {
  // `require` exists only in CommonJS, i.e. inside tslab; ESM callers (tsx, vitest) get a clear error instead
  if (typeof require !== 'function') {
    throw new Error('show(): inline display needs a tslab notebook kernel; elsewhere use renderSvg() / writeFigure()');
  }
  return (require('tslab') as { display: TslabDisplay }).display;
}

export interface ShowOptions extends PngOptions, RenderOptions {
  /** 'svg' (default) or 'png' */
  as?: 'svg' | 'png';
}

/** Displays a figure (Plot options or an SVG string from a builder) in the current notebook cell. */
export function show(figure: PlotOptions | string, options: ShowOptions = {}): void {
  const svg = typeof figure === 'string' ? figure : renderSvg(figure, options);
  const display = tslabDisplay();
  if (options.as === 'png') display.png(svgToPng(svg, options));
  // text/html: the SVG goes into the page as markup (selectable text); it has no scripts, and its
  // clip ids are unique per figure (stableIds), so several figures can share one page
  else display.html(svg);
}
