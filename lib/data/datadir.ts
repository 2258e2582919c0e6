/**
 * Where the real datasets live on this machine.
 *
 * Order of precedence: an explicit option (or the `--data-dir` CLI flag, which
 * callers turn into that option with `dataDirFromArgv`), then the environment
 * variable MMFND_DATA_DIR, then `data/raw/` under the repo root. Nothing is
 * ever downloaded: a missing dataset is an error that says where it was
 * looked for, which files are expected, and where to get them (docs/DATA.md).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DATA_DIR_ENV = 'MMFND_DATA_DIR';
export const DATA_DOC = 'docs/DATA.md';
const PACKAGE_NAME = 'mmfnd-workbench';

export interface DataDirOptions {
  /** explicit data directory; wins over the environment */
  dataDir?: string;
  /** environment to read MMFND_DATA_DIR from (tests pass their own) */
  env?: Record<string, string | undefined>;
}

/**
 * The repo root: the nearest ancestor of `from` (default: cwd) whose
 * package.json is this project's. Found by walking up rather than via
 * `import.meta.url`, because tslab compiles notebook cells to CommonJS where
 * `import.meta` does not exist, and notebooks run with cwd = notebooks/.
 */
export function repoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === PACKAGE_NAME) return dir;
      } catch {
        /* unreadable package.json: keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

/** Absolute data directory by the precedence above (it need not exist). */
export function resolveDataDir(opts: DataDirOptions = {}): string {
  const env = opts.env ?? process.env;
  if (opts.dataDir) return resolve(opts.dataDir);
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim()) return resolve(fromEnv.trim());
  return join(repoRoot(), 'data', 'raw');
}

/** `--data-dir X` or `--data-dir=X` from a CLI argv; undefined when absent. */
export function dataDirFromArgv(argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir') {
      const v = argv[i + 1];
      if (!v || v.startsWith('--')) throw new Error('--data-dir needs a directory argument');
      return v;
    }
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return undefined;
}

/** GitHub's heading anchor of the dataset's section in docs/DATA.md ("### `weibo/` — Weibo rumor …"). */
const anchor = (name: string) => DATA_SECTIONS[name] ?? 'the-datasets';
const DATA_SECTIONS: Record<string, string> = {
  'twitter-mediaeval2016': 'twitter-mediaeval2016--mediaeval-2016-verifying-multimedia-use',
  weibo: 'weibo--weibo-rumor-dataset-jin-et-al-acm-mm-2017',
  verite: 'verite--verite-papadopoulos-et-al-2024',
  'twitter-clip-vitb32': 'twitter-clip-vitb32--mediaeval-2016-twitter-test-set-with-clip-vit-b32',
  'fakeddit-subset': 'fakeddit-subset--fakeddit-nakamura-et-al-2020-10000-line-slices',
};

/** How the directory was chosen, for messages ("from MMFND_DATA_DIR", ...). */
function sourceOf(opts: DataDirOptions): string {
  const env = opts.env ?? process.env;
  // the commands resolve their default once and pass it down: name the default as such, not as a chosen option
  if (opts.dataDir && resolve(opts.dataDir) === join(repoRoot(), 'data', 'raw')) return 'the default data/raw/ (set --data-dir or MMFND_DATA_DIR to change it)';
  if (opts.dataDir) return 'from the dataDir option / --data-dir';
  if (env[DATA_DIR_ENV]?.trim()) return `from ${DATA_DIR_ENV}`;
  return 'the default data/raw/ (set --data-dir or MMFND_DATA_DIR to change it)';
}

/**
 * A dataset that is not in the data directory (as opposed to one that is
 * there but malformed): callers that can do without it (reproduce) skip it
 * and say so; `portable` names it without this machine's paths, for files
 * that are committed.
 */
export class DatasetMissingError extends Error {
  constructor(
    message: string,
    readonly dataset: string,
    readonly portable: string,
    /** one line for a terminal: what was looked for where, and where to get it */
    readonly line: string = portable,
  ) {
    super(message);
    this.name = 'DatasetMissingError';
  }
}

/**
 * Directory of one dataset, checked: the folder and each of `expected`
 * (paths relative to it) must exist. Throws an error naming the expected
 * path, every missing file, and docs/DATA.md.
 */
export function requireDataset(name: string, expected: readonly string[], opts: DataDirOptions = {}): string {
  const root = resolveDataDir(opts);
  const dir = join(root, name);
  const isDir = existsSync(dir) && statSync(dir).isDirectory();
  const missing = isDir ? expected.filter((f) => !existsSync(join(dir, f))) : [...expected];
  if (isDir && missing.length === 0) return dir;
  const what = isDir
    ? `dataset '${name}' is incomplete: ${dir} lacks ${missing.map((f) => join(dir, f)).join(', ')}`
    : `dataset '${name}' not found: expected the directory ${dir}`;
  throw new DatasetMissingError(
    `${what}\n  data directory: ${root} (${sourceOf(opts)})\n` +
      `  expected files under ${name}/: ${expected.join(', ')}\n` +
      `  see ${DATA_DOC} for where to get it and the expected layout; \`npm run data:check\` checks a data directory`,
    name,
    `dataset '${name}' is ${isDir ? `incomplete (lacks ${missing.join(', ')})` : 'not in the data directory'}; see ${DATA_DOC} for where to get it`,
    `${name}: ${isDir ? `incomplete, ${dir} lacks ${missing.join(', ')}` : `not found at ${dir}`} (data directory ${sourceOf(opts).replace(/ \(.*$/, '')}); where to get it: ${DATA_DOC}#${anchor(name)}`,
  );
}

/**
 * A loader's options with the data directory passed down from a command: options that name their own
 * `dataDir` (a spec pointing at one folder) keep it; otherwise `dataDir`, when given.
 */
export function withDataDir(opts: Record<string, unknown>, dataDir: string | undefined): Record<string, unknown> {
  return dataDir && typeof opts.dataDir !== 'string' ? { ...opts, dataDir } : opts;
}
