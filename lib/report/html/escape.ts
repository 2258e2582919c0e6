/** HTML text and attribute escaping: every string from results.json, CSV or Markdown goes through here. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => MAP[c]);
}

/** A fragment id from free text: lower-case letters, digits and '-' only (stable across runs). */
export function slug(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A relative link from figures/index.html, URL-encoded per path segment (spaces, '#', …). */
export function href(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

/** Natural order: fig2 before fig10, table1 before table1-acc. */
export function naturalCompare(a: string, b: string): number {
  const ta = a.split(/(\d+)/),
    tb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    if (ta[i] === tb[i]) continue;
    const na = Number(ta[i]),
      nb = Number(tb[i]);
    if (i % 2 === 1 && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
    return ta[i] < tb[i] ? -1 : 1;
  }
  return ta.length - tb.length;
}
