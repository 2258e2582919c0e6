/**
 * Turns the <svg> Plot draws into a standalone SVG document.
 *
 * With a title or legend Plot returns an HTML <figure> (an <h2>, a <div> of
 * swatches, then the chart) that neither an .svg file nor resvg can show.
 * So render.ts asks Plot for the bare chart and this file draws the title,
 * subtitle, legend and caption as SVG text around it, nesting the chart as
 * an inner <svg>. Everything is plain attributes (no CSS needed), so resvg,
 * browsers and notebook frontends all draw the same picture.
 */
import { createHash } from 'node:crypto';

export type Swatch = 'rect' | 'line' | 'dot';

export type Legend =
  | { type: 'ordinal'; domain: readonly unknown[]; range: readonly string[]; swatch: Swatch; label?: string }
  | { type: 'ramp'; domain: readonly number[]; colors: readonly string[]; label?: string };

export interface Frame {
  title?: string;
  subtitle?: string;
  caption?: string;
  legend?: Legend;
}

const PAD = 8; // left inset of the text blocks
const TITLE = 15;
const SUBTITLE = 11;
const ROW = 17; // one legend row
const CHAR = 6.1; // mean advance of DejaVu Sans at 10 px, for wrapping the legend

export function escapeXml(s: unknown): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits long titles at spaces so they fit the width (SVG text does not wrap). */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(10, Math.floor((width - 2 * PAD) / (size * 0.57)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function swatchSvg(kind: Swatch, color: string): string {
  if (kind === 'line') return `<line x1="0" x2="16" y1="6" y2="6" stroke="${color}" stroke-width="2"/>`;
  if (kind === 'dot') return `<circle cx="6" cy="6" r="4.5" fill="${color}"/>`;
  return `<rect width="12" height="12" fill="${color}"/>`;
}

/** Legend block at y = 0; returns its SVG and height. */
function legendSvg(legend: Legend, width: number): { svg: string; height: number } {
  const parts: string[] = [];
  let x = PAD;
  let y = 0;
  if (legend.label) {
    parts.push(`<text x="${x}" y="9.5" font-weight="bold">${escapeXml(legend.label)}</text>`);
    x += legend.label.length * CHAR + 12;
  }
  if (legend.type === 'ordinal') {
    const swatchW = legend.swatch === 'line' ? 20 : 16;
    legend.domain.forEach((value, i) => {
      const label = escapeXml(value);
      const w = swatchW + String(value).length * CHAR + 14;
      if (x > PAD && x + w > width - PAD) {
        x = PAD;
        y += ROW;
      }
      const color = legend.range[i % legend.range.length];
      parts.push(`<g transform="translate(${x},${y})">${swatchSvg(legend.swatch, color)}<text x="${swatchW}" y="9.5">${label}</text></g>`);
      x += w;
    });
    return { svg: parts.join(''), height: y + ROW };
  }
  // continuous colour: a gradient bar with the domain's ends (Plot's own ramp needs <canvas>)
  const [lo, hi] = [legend.domain[0], legend.domain[legend.domain.length - 1]];
  const stops = legend.colors.map((c, i) => `<stop offset="${(i / (legend.colors.length - 1)).toFixed(3)}" stop-color="${c}"/>`).join('');
  const fmt = (v: number) => escapeXml(+v.toPrecision(3));
  parts.push(
    `<defs><linearGradient id="plot-ramp-1">${stops}</linearGradient></defs>`,
    `<rect x="${x}" y="0" width="200" height="10" fill="url(#plot-ramp-1)"/>`,
    `<text x="${x}" y="22">${fmt(lo)}</text><text x="${x + 200}" y="22" text-anchor="end">${fmt(hi)}</text>`,
  );
  return { svg: parts.join(''), height: 28 };
}

/**
 * Plot numbers clip paths and patterns from a process-wide counter
 * (plot-clip-1, -2, ...), so the same figure drawn twice gets different ids,
 * and two figures inlined in one notebook page can share an id and steal
 * each other's clip. Ids are renamed to `<kind>-<hash of the figure>-<n>`:
 * same figure → same bytes; different figures → different ids.
 */
export function stableIds(svg: string): string {
  const re = /\bplot-(clip|pattern|ramp)-\d+\b/g;
  const order = new Map<string, string>();
  for (const m of svg.matchAll(re)) if (!order.has(m[0])) order.set(m[0], `${m[1]}-${order.size + 1}`);
  if (!order.size) return svg;
  const skeleton = svg.replace(re, (id) => `plot-${order.get(id)}`);
  const hash = createHash('sha1').update(skeleton).digest('hex').slice(0, 8);
  return svg.replace(re, (id) => {
    const [kind, n] = order.get(id)!.split('-');
    return `plot-${kind}-${hash}-${n}`;
  });
}

/**
 * Wraps the chart (`chart`: the outerHTML of Plot's <svg>, `width`×`height`)
 * with the frame's title/legend/caption into one SVG document.
 */
export function standalone(chart: string, width: number, height: number, frame: Frame): string {
  const head: string[] = [];
  let y = 0;
  if (frame.title) {
    for (const line of wrap(frame.title, TITLE, width)) {
      y += TITLE + 4;
      head.push(`<text x="${PAD}" y="${y - 4}" font-size="${TITLE}" font-weight="bold">${escapeXml(line)}</text>`);
    }
  }
  if (frame.subtitle) {
    for (const line of wrap(frame.subtitle, SUBTITLE, width)) {
      y += SUBTITLE + 4;
      head.push(`<text x="${PAD}" y="${y - 4}" font-size="${SUBTITLE}" fill="#555">${escapeXml(line)}</text>`);
    }
  }
  if (frame.legend) {
    y += y ? 8 : 6;
    const lg = legendSvg(frame.legend, width);
    head.push(`<g transform="translate(0,${y})" aria-label="legend">${lg.svg}</g>`);
    y += lg.height;
  }
  if (y) y += 4;
  const top = y;
  y += height;
  const foot: string[] = [];
  if (frame.caption) {
    for (const line of wrap(frame.caption, 10, width)) {
      y += 14;
      foot.push(`<text x="${PAD}" y="${y - 2}" fill="#555">${escapeXml(line)}</text>`);
    }
    y += 4;
  }
  const inner = chart.replace(/^<svg\b/, `<svg x="0" y="${top}"`);
  const doc =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"` +
    // explicit colours: in a dark-themed notebook `currentColor` would otherwise be white on our white background
    ` font-family="system-ui, sans-serif" font-size="10" color="black" fill="black">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    head.join('') +
    inner +
    foot.join('') +
    `</svg>\n`;
  return stableIds(doc);
}
