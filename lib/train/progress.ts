/**
 * A terminal progress bar (cli-progress) on stderr. Quiet in tests, in
 * notebooks (no TTY) and when MMFND_QUIET=1, so logs and outputs stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

const NONE: Progress = { tick: () => {}, stop: () => {} };

export function progressEnabled(requested?: boolean): boolean {
  if (requested !== undefined) return requested;
  return Boolean(process.stderr.isTTY) && !process.env.MMFND_QUIET && !process.env.VITEST;
}

export function progressBar(requested: boolean | undefined, total: number, label: string): Progress {
  if (!progressEnabled(requested)) return NONE;
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(24).slice(0, 24)} {bar} {percentage}% | {value}/{total} | eta {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}
