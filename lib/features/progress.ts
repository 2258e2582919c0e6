/**
 * Progress bars (cli-progress) on stderr for feature extraction. Quiet when
 * asked, when stderr is not a TTY (notebooks, CI, pipes), under vitest, or
 * with MMFND_QUIET=1 — so stdout summaries and test logs stay clean.
 * (Own copy rather than lib/train/progress: features come before training
 * in the data flow and must not import from it.)
 */
import cliProgress from 'cli-progress';

export interface Bar {
  tick(n?: number): void;
  stop(): void;
}

const NONE: Bar = { tick: () => {}, stop: () => {} };

export function progressQuiet(quiet?: boolean): boolean {
  return Boolean(quiet) || !process.stderr.isTTY || Boolean(process.env.VITEST) || process.env.MMFND_QUIET === '1';
}

export function bar(quiet: boolean, total: number, label: string): Bar {
  if (quiet || total <= 0) return NONE;
  const b = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(28).slice(0, 28)} {bar} {percentage}% | {value}/{total} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return { tick: (n = 1) => b.increment(n), stop: () => b.stop() };
}
