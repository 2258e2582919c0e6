/**
 * One CSV table as HTML: the paper's columns moved beside ours, paper cells
 * marked, and our cell highlighted where it differs from the paper's by more
 * than the spread (the rule in cells.ts). data-source and data-rows let the
 * browser test compare the rendered rows with the CSV.
 */
import { adjacentOrder, differs, pairColumns, parseCell } from './cells';
import { esc, href } from './escape';
import type { TableData } from './read';

export interface TableStats {
  /** ours/paper cell pairs where both are numbers */
  compared: number;
  /** of those, highlighted */
  differing: number;
}

export function tableHtml(t: TableData, id: string): { html: string; stats: TableStats } {
  const pairs = pairColumns(t.header);
  const oursOf = new Map<number, number>([...pairs].map(([p, o]) => [o, p]));
  const order = adjacentOrder(t.header, pairs);
  // numbers right-aligned cell by cell: a "data not available" row must not turn a column of numbers into text
  const isNum = (s: string | undefined) => parseCell(s ?? '') !== null;
  const numeric = t.header.map((_, c) => t.rows.some((r) => isNum(r[c])));
  const stats: TableStats = { compared: 0, differing: 0 };
  const head = order
    .map((c) => {
      const cls = [pairs.has(c) ? 'paper' : oursOf.has(c) ? 'ours' : '', numeric[c] ? 'num' : ''].filter(Boolean).join(' ');
      return `<th${cls ? ` class="${cls}"` : ''} scope="col">${esc(t.header[c])}</th>`;
    })
    .join('');
  const body = t.rows
    .map((r) => {
      const cells = order.map((c) => {
        const text = r[c] ?? '';
        const cls: string[] = [];
        let title = '';
        if (isNum(text)) cls.push('num');
        if (pairs.has(c)) cls.push('paper');
        if (oursOf.has(c)) {
          cls.push('ours');
          const ours = parseCell(text),
            paper = parseCell(r[oursOf.get(c)!] ?? '');
          if (ours && paper) {
            stats.compared++;
            if (differs(ours, paper)) {
              stats.differing++;
              cls.push('differs');
              title = `differs from the paper (${r[oursOf.get(c)!]}) by more than the spread`;
            }
          }
        }
        return `<td${cls.length ? ` class="${cls.join(' ')}"` : ''}${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = `${esc(t.title || t.name)} <span class="files"><a href="${href(t.csv)}">csv</a> · <a href="${href(t.csv.replace(/\.csv$/, '.md'))}">md</a></span>`;
  const compared = stats.compared
    ? `<p class="diffnote">${stats.differing} of ${stats.compared} of our numbers differ from the paper’s by more than the spread (highlighted).</p>`
    : '';
  const html = [
    `<div class="table" id="${id}">`,
    `<div class="scroll"><table data-source="${esc(t.csv)}" data-rows="${t.rows.length}">`,
    `<caption>${caption}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table></div>',
    compared,
    t.note ? `<p class="note">${esc(t.note)}</p>` : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
  return { html, stats };
}
