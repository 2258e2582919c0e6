/**
 * The committed notebooks render where people browse: no console.table
 * boxes and no stderr banner in the sources; and a notebook executed with
 * the current code (here 02-cmc, re-executed by `npm run notebooks`) has
 * execution counts, every figure as HTML + SVG + PNG in one output, and
 * tables as HTML.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Cell {
  cell_type: string;
  source: string[] | string;
  execution_count?: number | null;
  outputs?: { output_type: string; name?: string; data?: Record<string, unknown>; text?: string[] | string }[];
}
const cells = (nb: string): Cell[] => JSON.parse(fs.readFileSync(path.join('notebooks', nb), 'utf8')).cells;
const src = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

describe('committed notebooks', () => {
  const all = fs.readdirSync('notebooks').filter((f) => f.endsWith('.ipynb'));
  it('sources: tables through showTable (HTML), not console.table; the backend banner not on stderr', () => {
    for (const nb of all) {
      for (const c of cells(nb).filter((c) => c.cell_type === 'code')) {
        expect(src(c), nb).not.toMatch(/console\.table\(/);
        expect(src(c), nb).not.toMatch(/await initBackend\(\)/);
      }
    }
  });
  it('02-cmc as executed: numbered cells, figures as html + svg + png, tables as html, nothing on stderr', () => {
    const code = cells('02-cmc.ipynb').filter((c) => c.cell_type === 'code' && src(c).trim());
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    const displays = code.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'display_data');
    const figures = displays.filter((o) => 'image/png' in (o.data ?? {}));
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const f of figures) expect(Object.keys(f.data!).sort()).toEqual(['image/png', 'image/svg+xml', 'text/html']);
    expect(displays.filter((o) => String(o.data?.['text/html'] ?? '').startsWith('<table>')).length).toBeGreaterThanOrEqual(3);
    expect(code.flatMap((c) => c.outputs ?? []).filter((o) => o.name === 'stderr')).toEqual([]);
  });
});
