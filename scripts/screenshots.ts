/**
 * npx tsx scripts/screenshots.ts — regenerates the README screenshots:
 *   docs/report.png    figures/index.html (the top: summary and the first paper's facts)
 *   docs/explorer.png  the explorer after its default run
 *   docs/screenshots.json  what the report screenshot shows (per paper: runs and claim counts), so
 *                          test/docs/screenshots.test.ts fails when the report has moved on and the
 *                          pictures are stale — rerun this script then.
 * Needs Chromium (apt-get install -y chromium) and runs `npm run report` and
 * the explorer build first, so the pictures match the committed code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../lib/report/html/index';
import { buildExplorer } from '../explorer/build';
import { serveStatic } from '../explorer/serve';
import { reportCounts } from '../lib/report/html/counts';

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!executablePath) throw new Error('no Chromium: apt-get install -y chromium');

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const report = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await report.goto(pathToFileURL(path.resolve(writeReport('figures'))).href);
  await report.screenshot({ path: 'docs/report.png' });
  fs.writeFileSync('docs/screenshots.json', JSON.stringify({ report: reportCounts('figures') }, null, 1) + '\n');

  const dist = await buildExplorer();
  const server = await serveStatic(dist.outDir);
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  await page.goto(server.url);
  await page.waitForFunction(
    () => {
      const e = (globalThis as unknown as { explorer?: { runs: number; running: boolean; error: string | null } }).explorer;
      return Boolean(e && (e.error || (e.runs >= 1 && !e.running)));
    },
    null,
    { timeout: 240_000 },
  );
  await page.screenshot({ path: 'docs/explorer.png', fullPage: true });
  await server.close();
  process.stderr.write('[screenshots] docs/report.png, docs/explorer.png\n');
} finally {
  await browser.close();
}
