/**
 * Headless Chromium for the browser tests: the Debian `chromium` package
 * (or MMFND_CHROMIUM=<path>) driven by playwright-core, which downloads
 * nothing. No Chromium → `chromiumPath()` is null and the test skips with a
 * printed reason (`.ci/run` installs it).
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | null {
  const forced = process.env.MMFND_CHROMIUM;
  if (forced) return fs.existsSync(forced) ? forced : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const NO_CHROMIUM = 'no Chromium found (apt-get install -y chromium, or MMFND_CHROMIUM=<path>)';

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Console errors and uncaught page errors, collected from the moment of the call. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e: Error) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  return errors;
}
