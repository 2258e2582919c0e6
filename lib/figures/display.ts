/**
 * Inline figures in tslab notebooks:
 *
 *   import { show } from '../lib/figures/display';
 *   show(barChart(rows, { title: '…' }));          // SVG (crisp, selectable text)
 *   show(plotOptions, { as: 'png', scale: 2 });    // PNG only
 *   showTable(rows);                                // an HTML table (Arquero toHTML), text beside
 *
 * A figure is one output with three representations — text/html (the SVG as
 * markup: selectable text in Jupyter), image/svg+xml and image/png — so
 * viewers that drop inline HTML (code-hosting notebook viewers, sanitising
 * renderers, nbconvert to Markdown) still show it.
 *
 * tslab is loaded lazily with require(): tslab compiles local .ts files to
 * CommonJS and hooks require('tslab') to hand back the running kernel's
 * instance, so this works in notebooks, while scripts and tests that import
 * lib/figures never load tslab (nor its bundled TypeScript).
 */
import * as aq from 'arquero';
import { renderSvg, svgToPng, type PlotOptions, type PngOptions, type RenderOptions } from './render';

interface TslabDisplay {
  html(s: string): void;
  svg(s: string): void;
  png(b: Uint8Array): void;
  text(s: string): void;
}

type WriteDisplayData = (data: { data: Record<string, string>; metadata: object; transient: object }, update: boolean) => void;

/**
 * One display_data message with several MIME types. tslab's public display writes one type per message, so
 * this goes through the kernel's own writer (tslab/dist/jupyter, the same module instance the running kernel
 * loaded from this checkout's node_modules); when it is not there, the first type alone via display.
 */
function displayBundle(bundle: Record<string, string>, fallback: () => void): void {
  let write: WriteDisplayData | null | undefined;
  try {
    write = (require('tslab/dist/jupyter') as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
  } catch {
    write = undefined;
  }
  if (write) write({ data: bundle, metadata: {}, transient: {} }, false);
  else fallback();
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
  if (options.as === 'png') return display.png(svgToPng(svg, options));
  // text/html: the SVG goes into the page as markup (selectable text); it has no scripts, and its
  // clip ids are unique per figure (stableIds), so several figures can share one page
  const png = Buffer.from(svgToPng(svg, options)).toString('base64');
  displayBundle({ 'text/html': svg, 'image/svg+xml': svg, 'image/png': png }, () => display.html(svg));
}

/** rows (an array of objects), one row (an object), or an Arquero table → an Arquero table */
export function tableOf(rows: Record<string, unknown>[] | Record<string, unknown> | aq.ColumnTable): aq.ColumnTable {
  if (Array.isArray(rows)) return aq.from(rows);
  if (typeof (rows as { toHTML?: unknown }).toHTML === 'function') return rows as aq.ColumnTable;
  return aq.from([rows as Record<string, unknown>]);
}

/**
 * Displays rows (an array of objects, or an Arquero table) as an HTML table (Arquero's toHTML, every row),
 * with a plain-text rendering beside it for viewers without HTML — instead of console.table's box, which
 * wraps in a notebook.
 */
export function showTable(rows: Record<string, unknown>[] | Record<string, unknown> | aq.ColumnTable, options: { limit?: number } = {}): void {
  const table = tableOf(rows);
  const limit = options.limit ?? Infinity;
  const html = table.toHTML({ limit });
  const objects = table.objects({ limit }) as Record<string, unknown>[];
  const cols = table.columnNames();
  const text = [cols.join('\t'), ...objects.map((o) => cols.map((c) => String(o[c])).join('\t'))].join('\n');
  const display = tslabDisplay();
  displayBundle({ 'text/html': html, 'text/plain': text }, () => display.html(html));
}
