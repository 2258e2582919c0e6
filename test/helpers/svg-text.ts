/**
 * The text boxes of a rendered SVG, approximated: position from the
 * translate()s of the ancestors, nested <svg x y> and the text's own x / y /
 * dy (em units resolved with the inherited font size), width from the
 * string's length (0.6 em per character, generous for the system sans
 * fonts the figures use), height 1 em, placed by text-anchor. Rotated text
 * is left out (its box is not axis-aligned). Used to check that no two
 * labels of a chart overlap.
 */
import { parseHTML } from 'linkedom';

interface El {
  tagName: string;
  getAttribute(name: string): string | null;
  children: ArrayLike<El>;
  querySelectorAll(sel: string): ArrayLike<El>;
  textContent: string | null;
}

export interface TextBox {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const translate = (t: string | null): [number, number] | null => {
  if (!t) return [0, 0];
  if (/rotate|matrix|scale|skew/.test(t)) return null;
  const m = /translate\(\s*([-\d.e]+)[ ,]*([-\d.e]+)?\s*\)/.exec(t);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [0, 0];
};

const len = (v: string | null, fs: number): number => {
  if (!v) return 0;
  const n = parseFloat(v);
  return v.trim().endsWith('em') ? n * fs : n;
};

export function textBoxes(svg: string): TextBox[] {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const out: TextBox[] = [];
  const walk = (el: El, ox: number, oy: number, fs: number, anchor: string) => {
    const tag = el.tagName.toLowerCase();
    const size = el.getAttribute('font-size') ? parseFloat(el.getAttribute('font-size')!) : fs;
    const a = el.getAttribute('text-anchor') ?? anchor;
    const t = translate(el.getAttribute('transform'));
    if (t === null) return; // rotated: skipped with its subtree
    let [x, y] = [ox + t[0], oy + t[1]];
    if (tag === 'svg' && (el as unknown) !== document.querySelector('svg')) ((x += len(el.getAttribute('x'), size)), (y += len(el.getAttribute('y'), size)));
    if (tag === 'text') {
      const tspans = Array.from(el.querySelectorAll('tspan'));
      const lines = tspans.length ? tspans : [el];
      let ly = y + len(el.getAttribute('y'), size) + len(el.getAttribute('dy'), size);
      const tx = x + len(el.getAttribute('x'), size) + len(el.getAttribute('dx'), size);
      for (const line of lines) {
        if (line !== el) ly += len(line.getAttribute('dy'), size);
        const s = (line.textContent ?? '').trim();
        if (!s) continue;
        const w = 0.6 * size * s.length;
        const lx = line !== el && line.getAttribute('x') ? x + len(line.getAttribute('x'), size) : tx;
        const x0 = a === 'middle' ? lx - w / 2 : a === 'end' ? lx - w : lx;
        out.push({ text: s, x0, x1: x0 + w, y0: ly - 0.8 * size, y1: ly + 0.2 * size });
      }
      return;
    }
    for (const c of Array.from(el.children)) walk(c, x, y, size, a);
  };
  walk(document.querySelector('svg') as unknown as El, 0, 0, 16, 'start');
  return out;
}

/** Pairs of text boxes that overlap by more than `slack` px in both directions. */
export function overlaps(boxes: TextBox[], slack = 1): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > slack && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > slack) out.push([a.text, b.text]);
    }
  return out;
}
