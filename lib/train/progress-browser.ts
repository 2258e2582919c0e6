/**
 * The trainer's progress bar in a web page: none (a page draws its own
 * progress). The explorer's bundler maps lib/train/progress to this file
 * (explorer/build.ts, BROWSER_MODULES); the Node one needs a terminal.
 */
import type { Progress } from './progress';

const NONE: Progress = { tick: () => {}, stop: () => {} };

export function progressEnabled(_requested?: boolean): boolean {
  return false;
}

export function progressBar(_requested: boolean | undefined, _total: number, _label: string): Progress {
  return NONE;
}
