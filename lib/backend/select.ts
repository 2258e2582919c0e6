/**
 * Backend names and the pure "which backend wins" logic, kept free of tfjs
 * so it can be unit-tested with fake loaders (test/backend/select.test.ts).
 *
 * Our names are not tfjs's names: tfjs-node and tfjs-node-gpu both register
 * as 'tensorflow', so we call them 'tensorflow' and 'tensorflow-gpu'.
 */

/** Fastest first: the order initBackend() tries them in when nothing is forced. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Other spellings people will type (package names, tfjs names). Lower-case keys. */
const ALIASES: Record<string, BackendName | 'auto'> = {
  '': 'auto',
  default: 'auto',
  gpu: 'tensorflow-gpu',
  'node-gpu': 'tensorflow-gpu',
  'tfjs-node-gpu': 'tensorflow-gpu',
  node: 'tensorflow',
  'tfjs-node': 'tensorflow',
  tf: 'tensorflow',
  'tfjs-backend-wasm': 'wasm',
  js: 'cpu',
};

export function validBackendValues(): string {
  const aliases = Object.keys(ALIASES).filter((a) => a !== '');
  return `auto, ${BACKEND_NAMES.join(', ')} (aliases: ${aliases.join(', ')})`;
}

/**
 * Parse a user-supplied backend name. `source` names where it came from
 * (e.g. 'MMFND_BACKEND') so the error points at the right knob.
 */
export function parseBackendName(value: string, source = 'backend'): BackendName | 'auto' {
  const v = value.trim().toLowerCase();
  if (v === 'auto') return 'auto';
  if ((BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendName;
  const alias = ALIASES[v];
  if (alias !== undefined) return alias;
  throw new Error(`${source}="${value}" is not a known backend; valid values: ${validBackendValues()}`);
}

export interface BackendLoader {
  name: BackendName;
  /** Make this backend the active one; resolve to a short detail for the log line, throw if unavailable. */
  load: () => Promise<string>;
}

export interface Selection {
  name: BackendName;
  detail: string;
  /** backends tried before the winner, with why they failed */
  skipped: { name: BackendName; reason: string }[];
}

function reasonOf(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/**
 * Try `loaders` in order and return the first that loads. With `forced`, only
 * that loader runs and its failure is an error (no silent fallback: a user who
 * asked for the GPU must learn that they are not getting it).
 */
export async function selectBackend(loaders: BackendLoader[], forced: BackendName | 'auto' = 'auto', source = 'backend'): Promise<Selection> {
  if (forced !== 'auto') {
    const loader = loaders.find((l) => l.name === forced);
    if (!loader) {
      throw new Error(`${source}="${forced}" has no loader; valid values: ${validBackendValues()}`);
    }
    try {
      return { name: forced, detail: await loader.load(), skipped: [] };
    } catch (e) {
      throw new Error(
        `${source}="${forced}" was requested but cannot be loaded: ${reasonOf(e)}. ` +
          `Valid values: ${validBackendValues()}; unset ${source} to pick automatically.`,
        { cause: e },
      );
    }
  }
  const skipped: Selection['skipped'] = [];
  for (const loader of loaders) {
    try {
      return { name: loader.name, detail: await loader.load(), skipped };
    } catch (e) {
      skipped.push({ name: loader.name, reason: reasonOf(e) });
    }
  }
  const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new Error(`no TensorFlow.js backend could be loaded (${why})`);
}
