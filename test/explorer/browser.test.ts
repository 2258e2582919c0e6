/**
 * The explorer in a real browser: build it, serve it on 127.0.0.1 (random
 * port; the wasm backend fetches its .wasm files, which file:// forbids), let
 * headless Chromium run the default settings, then move the image-signal
 * slider and check that the image-branch curve and the accuracy readouts
 * change, with no console error. Skips, saying why, without Chromium.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExplorer } from '../../explorer/build';
import { serveStatic } from '../../explorer/serve';
import { chromiumPath, collectErrors, launch, NO_CHROMIUM } from '../helpers/chromium';

const chromium = chromiumPath();
if (!chromium) console.log(`[skip] explorer browser test: ${NO_CHROMIUM}`);

interface PageState {
  runs: number;
  running: boolean;
  error: string | null;
  backend: string | null;
  result: { seconds: number; testAcc: Record<string, number> } | null;
}

describe.skipIf(!chromium)('the explorer in headless Chromium', () => {
  it(
    'runs the default, then reruns when the image signal moves: the image-branch curve and the readouts change; no console error',
    { timeout: 300_000 },
    async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-explorer-browser-'));
      await buildExplorer(path.join(tmp, 'dist'));
      const server = await serveStatic(path.join(tmp, 'dist'));
      const browser = await launch();
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const errors = collectErrors(page);
        const state = () => page.evaluate(() => (globalThis as unknown as { explorer: PageState }).explorer);
        const waitRuns = (n: number) =>
          page.waitForFunction(
            (k) => {
              const e = (globalThis as unknown as { explorer?: PageState }).explorer;
              return Boolean(e && (e.error || (e.runs >= k && !e.running)));
            },
            n,
            { timeout: 240_000, polling: 200 },
          );
        const imageCurve = () => page.getAttribute('#chart-scores g[aria-description="Image (joint)"] path', 'd');
        const readouts = () => page.$$eval('#acc-text-only, #acc-image-only, #acc-joint', (els) => els.map((e) => e.textContent));

        const t0 = Date.now();
        await page.goto(server.url);
        // live: the score chart fills in before the run ends
        await page.waitForSelector('#chart-scores g[aria-description="Image (joint)"] path', { timeout: 240_000 });
        await waitRuns(1);
        const first = await state();
        expect(first.error).toBeNull();
        const wall = (Date.now() - t0) / 1000;
        console.log(
          `[explorer browser test] default run: ${first.result!.seconds.toFixed(1)} s of training and evaluation (${wall.toFixed(1)} s from page load), backend ${first.backend}`,
        );
        const curve1 = await imageCurve(),
          acc1 = await readouts();
        expect(curve1).toMatch(/^M[\d.,]+(L[\d.,]+){9}$/); // 10 epochs → 10 points
        for (const a of acc1) expect(a).toMatch(/^0\.\d{3}$/);
        expect(await page.locator('#chart-missing g[aria-description="joint"] path').count()).toBe(1);
        for (const id of ['chart-scores-note', 'chart-accuracy-note', 'chart-missing-note']) expect(await page.textContent(`#${id}`)).toMatch(/Now: /);
        await page.screenshot({ path: path.join(tmp, 'explorer-default.png'), fullPage: true });

        await page.locator('#control-imageSignal').fill('1.5'); // input + change: the page starts a new run
        await waitRuns(2);
        const second = await state();
        expect(second.error).toBeNull();
        const curve2 = await imageCurve(),
          acc2 = await readouts();
        expect(curve2).not.toBe(curve1);
        expect(acc2).not.toEqual(acc1);
        expect(Number(acc2[1])).toBeGreaterThan(Number(acc1[1])); // image-only: a stronger image signal helps it
        expect(await page.textContent('#value-imageSignal')).toBe('1.50');
        expect(page.url()).toContain('imageSignal=1.5');
        await page.screenshot({ path: path.join(tmp, 'explorer-strong-image.png'), fullPage: true });
        console.log(`[explorer browser test] screenshots in ${tmp}`);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );
});
