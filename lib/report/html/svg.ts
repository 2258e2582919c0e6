/**
 * A standalone SVG file → markup safe to inline in the report: no XML
 * prolog or doctype, no scripts or event handlers, and every id (and each
 * reference to it: url(#…), href="#…") prefixed, so two figures that both
 * define `plot-clip-1` cannot clip each other.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const p = prefix.replace(/[^A-Za-z0-9_-]/g, '-') + '-';
  let s = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .trim();
  s = s.replace(/\sid="([^"]+)"/g, (_, id) => ` id="${p}${id}"`);
  s = s.replace(/url\(#([^)]+)\)/g, (_, id) => `url(#${p}${id})`);
  s = s.replace(/(\s(?:xlink:)?href=")#([^"]+)"/g, (_, a, id) => `${a}#${p}${id}"`);
  if (!/^<svg[\s>]/.test(s)) throw new Error(`inlineSvg(${prefix}): not an SVG document (starts with ${JSON.stringify(s.slice(0, 30))})`);
  return s;
}
