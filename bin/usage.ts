import { statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../lib/data/datadir';
import { QueueConnectError, parseQueueUrl, redact, type QueueUrl } from '../lib/experiment/queue/connection';
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

/**
 * The command-line parsing the commands under bin/ share (reproduce, worker): strict options, a user's
 * mistake as a UsageError (one line and the usage, exit 2, no stack trace), the data directory resolved
 * once, the queue URL checked with its secrets kept for redaction, and the last-resort error line.
 */
type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs, strict: an unknown option or a missing value is a UsageError */
export function parseCommandLine<T extends Options>(options: T, args?: string[]): ReturnType<typeof parseArgs<{ options: T; strict: true }>>['values'] {
  try {
    return parseArgs({ options, strict: true, ...(args ? { args } : {}) }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The data directory: `--data-dir`, else MMFND_DATA_DIR, else data/raw/ — read here, once, and passed
 * down as an argument (lib/ never sees the environment variable through a command).
 */
export const dataDirOption = (value: string | undefined): string => resolveDataDir({ dataDir: value });

/** the secrets of `--queue` (its password, or MMFND_QUEUE_PASSWORD's), blanked out of every error line */
let secrets: string[] = [];

/** checks a queue URL (a bad one is a UsageError that does not echo it) and remembers its secrets for redaction */
export function checkQueueUrl(url: string, password: string | undefined): QueueUrl {
  try {
    const q = parseQueueUrl(url, password);
    secrets = q.secrets;
    return q;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Runs a command's main: a number it returns is the exit code (undefined: keep running, e.g. a worker
 * waiting for jobs); a UsageError prints `<name>: <message>` and the usage (exit 2); an unreachable queue
 * (QueueConnectError) one line (exit 1); anything else its stack, secrets redacted (exit 1).
 */
export function runCommand(name: string, help: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exit(code);
    },
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`${name}: ${e.message}\n\n${help}\n`);
        process.exit(2);
      }
      if (e instanceof QueueConnectError) {
        process.stderr.write(`${name}: ${redact(e.message, secrets)}\n`);
        process.exit(1);
      }
      process.stderr.write(`[${name}] ${redact(String((e as Error).stack ?? e), secrets)}\n`);
      process.exit(1);
    },
  );
}
