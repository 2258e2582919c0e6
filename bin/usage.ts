import { statSync } from 'node:fs';
/** What the commands under bin/ share: a user's mistake is a UsageError (one line and the usage, exit 2, no stack trace). */
export class UsageError extends Error {}

/** `--name <n>` as a positive integer; undefined when absent. */
export function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0)) throw new UsageError(`--${name} must be a positive integer, got '${v}'`);
  return n;
}

/** `--data-dir <dir>` must be an existing directory: a typo fails here, in one line, instead of every dataset being "not found". */
export function existingDir(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let isDir = false;
  try {
    isDir = statSync(v).isDirectory();
  } catch {
    /* absent: reported below */
  }
  if (!isDir) throw new UsageError(`--${name} ${v}: no such directory`);
  return v;
}
