/**
 * The report in a real browser: headless Chromium opens figures/index.html
 * (built from the committed figures/ into a temp copy) over file://, and
 * every figure must have rendered, every table must show as many rows as its
 * CSV has, and nothing may log an error. Skips, saying why, without Chromium.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../../lib/report/html/index';
import { chromiumPath, collectErrors, launch, NO_CHROMIUM } from '../../helpers/chromium';

const chromium = chromiumPath();
if (!chromium) console.log(`[skip] report browser test: ${NO_CHROMIUM}`);

describe.skipIf(!chromium)('figures/index.html in headless Chromium', () => {
  it('loads from file:// with every figure drawn, every table at its CSV row count, no console error; screenshot saved', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-report-browser-'));
    const figures = path.join(tmp, 'figures');
    fs.cpSync(path.resolve('figures'), figures, { recursive: true, filter: (f) => !f.endsWith('.png') && !f.endsWith('index.html') });
    const file = writeReport(figures, { notebooksDir: path.resolve('notebooks'), docsDir: path.resolve('docs/papers') });
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = collectErrors(page);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      // figures: each inline SVG laid out with a size, and containing drawn elements; <img>, if any, decoded
      const figs = await page.$$eval('figure.figure', (els) =>
        els.map((el) => {
          const svg = el.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            file: el.getAttribute('data-file'),
            w: box?.width ?? 0,
            h: box?.height ?? 0,
            marks: svg?.querySelectorAll('path, rect, line, circle, text').length ?? 0,
          };
        }),
      );
      const svgFiles = fs
        .readdirSync(figures, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.svg'));
      expect(figs.length).toBe(svgFiles.length);
      for (const f of figs) {
        expect(f.w, f.file!).toBeGreaterThan(50);
        expect(f.h, f.file!).toBeGreaterThan(50);
        expect(f.marks, f.file!).toBeGreaterThan(3);
      }
      const images = await page.$$eval('img', (els) => els.map((i) => ({ src: i.src, ok: i.complete && i.naturalWidth > 0 })));
      for (const i of images) expect(i.ok, i.src).toBe(true);

      // tables: rendered rows = the CSV's data rows (read here with a CSV parser, not from the page)
      const tables = await page.$$eval('table[data-source]', (els) =>
        els.map((t) => ({
          src: t.getAttribute('data-source')!,
          rows: t.querySelectorAll('tbody tr').length,
          visible: (t as unknown as { offsetHeight: number }).offsetHeight > 0,
        })),
      );
      const csvFiles = fs
        .readdirSync(figures, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.csv'));
      expect(tables.map((t) => t.src).sort()).toEqual(csvFiles.map((f) => f.split(path.sep).join('/')).sort());
      for (const t of tables) {
        const records = parse(fs.readFileSync(path.join(figures, t.src), 'utf8'), { relax_column_count: true, skip_empty_lines: true }) as unknown[];
        expect(t.rows, t.src).toBe(records.length - 1);
        expect(t.visible, t.src).toBe(true);
      }
      // the other tables (summary, encoders, claims) carry their expected row count too
      const others = await page.$$eval('table[data-rows]:not([data-source])', (els) =>
        els.map((t) => ({ want: Number(t.getAttribute('data-rows')), got: t.querySelectorAll('tbody tr').length })),
      );
      expect(others.length).toBeGreaterThanOrEqual(1); // the summary at least
      for (const o of others) expect(o.got).toBe(o.want);
      expect(await page.locator('td.differs').count()).toBeGreaterThan(0);

      const shot = path.join(tmp, 'report.png');
      await page.screenshot({ path: shot });
      expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
      console.log(`[report browser test] ${figs.length} figures, ${tables.length} tables; screenshot ${shot}`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
