/**
 * The compute backend: one place that picks and initialises TensorFlow.js.
 *
 *   import { initBackend, tf } from '../backend/index';
 *   await initBackend();            // before any tfjs work
 *
 * Order (fastest first): tensorflow-gpu (@tensorflow/tfjs-node-gpu),
 * tensorflow (@tensorflow/tfjs-node), wasm, cpu. The two native packages are
 * optionalDependencies whose install fails on machines that cannot download
 * libtensorflow, so they are loaded with a dynamic import() that may fail.
 *
 * Force one with `MMFND_BACKEND=<name>` or `initBackend({ backend })`
 * (opts wins over the env var). `MMFND_WASM_MATMUL_FIX=0` turns the wasm
 * transposed-matMul fix off (for A/B benchmarks).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { applyWasmMatmulFix, removeWasmMatmulFix } from './wasm-matmul-fix';
import { type BackendLoader, type BackendName, BACKEND_NAMES, parseBackendName, selectBackend } from './select';

export { tf };
export { BACKEND_NAMES, type BackendName, parseBackendName, selectBackend } from './select';
export { applyWasmMatmulFix, removeWasmMatmulFix, wasmMatmulFixApplied } from './wasm-matmul-fix';

export interface InitBackendOptions {
  /** force a backend (see BACKEND_NAMES, plus 'auto'); overrides MMFND_BACKEND */
  backend?: string;
  /** do not print the chosen backend (also: MMFND_QUIET=1) */
  quiet?: boolean;
  /** where the one-line banner goes: default stderr (stdout stays clean for tables/JSON); notebooks pass console.log, so it is not shown as an error */
  log?: (line: string) => void;
  /** wasm only: apply the transposed-matMul fix (default true; env MMFND_WASM_MATMUL_FIX=0 turns it off) */
  matmulFix?: boolean;
}

/**
 * A require() that finds this project's node_modules. No import.meta here:
 * tslab compiles lib/ files to CommonJS for notebooks, where import.meta is a
 * syntax error. __dirname exists there; under ESM (tsx, vitest) we resolve
 * from the cwd and the entry script, both normally inside the repo.
 */
function resolvePackageFile(spec: string): string {
  const bases = [
    typeof __dirname === 'string' ? __dirname : null, // CommonJS (tslab)
    process.cwd(),
    process.argv[1] ? path.dirname(process.argv[1]) : null,
  ];
  for (const base of bases) {
    if (!base) continue;
    try {
      return createRequire(path.join(base, 'noop.js')).resolve(spec);
    } catch {
      /* try the next base */
    }
  }
  throw new Error(`cannot resolve ${spec} from ${bases.filter(Boolean).join(', ')}; run from inside the repo`);
}

/** Native packages are optional: a variable specifier keeps tsc from insisting they exist. */
async function loadNative(pkg: string): Promise<void> {
  const spec: string = pkg;
  await import(spec); // registers the 'tensorflow' backend with tfjs-core
  if (!(await tf.setBackend('tensorflow'))) throw new Error(`${pkg} imported but the backend failed to initialise`);
}

function wasmDistDir(): string {
  // the package's main entry lives in dist/, next to the three .wasm files
  return path.dirname(resolvePackageFile('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

function envFlag(name: string, dflt: boolean): boolean {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  return !['0', 'false', 'no', 'off'].includes(v.toLowerCase());
}

function makeLoaders(opts: InitBackendOptions): BackendLoader[] {
  return [
    {
      name: 'tensorflow-gpu',
      load: async () => {
        await loadNative('@tensorflow/tfjs-node-gpu');
        return 'libtensorflow, CUDA';
      },
    },
    {
      name: 'tensorflow',
      load: async () => {
        await loadNative('@tensorflow/tfjs-node');
        return 'libtensorflow, CPU';
      },
    },
    {
      name: 'wasm',
      load: async () => {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        // In Node emscripten reads the .wasm with fs from this prefix.
        wasm.setWasmPaths(wasmDistDir());
        if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
        const fix = opts.matmulFix ?? envFlag('MMFND_WASM_MATMUL_FIX', true);
        if (fix) applyWasmMatmulFix();
        else removeWasmMatmulFix();
        const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        const threads = wasm.getThreadsCount();
        return `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}, matMul fix ${fix ? 'on' : 'off'}`;
      },
    },
    {
      name: 'cpu',
      load: async () => {
        if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend failed to initialise');
        // its first tensor write prints a banner urging tfjs-node, which cannot install
        // here; our one-line announcement already says what is running.
        const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
        if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
        return 'pure JS, 20-40x slower than wasm';
      },
    },
  ];
}

// Module state: the backend is process-global in tfjs, so is this.
// `requested` is what the call asked for ('auto' or a name); `name` is set once loaded.
let current: { requested: BackendName | 'auto'; name: BackendName | null; ready: Promise<BackendName> } | null =
  null;

/**
 * Pick, initialise and announce the compute backend; resolves to our name for
 * it (one of BACKEND_NAMES; tfjs's own name is tf.getBackend()).
 *
 * Idempotent: later calls return the same name without re-initialising. A later
 * call that explicitly asks for a *different* backend switches to it (handy in a
 * notebook comparing backends); tfjs keeps both registered.
 */
export async function initBackend(opts: InitBackendOptions = {}): Promise<string> {
  return startInit(opts); // async wrapper: a bad name rejects rather than throwing synchronously
}

function startInit(opts: InitBackendOptions): Promise<BackendName> {
  const source = opts.backend !== undefined ? 'initBackend({ backend })' : 'MMFND_BACKEND';
  const raw = opts.backend ?? process.env.MMFND_BACKEND ?? 'auto';
  const forced = parseBackendName(raw, source); // throws on an unknown value, before any work
  if (current && (forced === 'auto' || forced === current.requested || forced === current.name)) {
    return current.ready;
  }

  const quiet = opts.quiet ?? envFlag('MMFND_QUIET', false);
  const ready = (async () => {
    const sel = await selectBackend(makeLoaders(opts), forced, source);
    if (!quiet) {
      const skipped = sel.skipped.length ? `; skipped ${sel.skipped.map((s) => s.name).join(', ')}` : '';
      const line = `[mmfnd] backend: ${sel.name} (${sel.detail}${skipped})`;
      if (opts.log) opts.log(line);
      else process.stderr.write(line + '\n');
    }
    return sel.name;
  })();
  const prev = current;
  current = { requested: forced, name: null, ready };
  // a failed init must not poison later calls; the name is settled once loaded
  ready.then(
    (name) => {
      if (current?.ready === ready) current.name = name;
    },
    () => {
      if (current?.ready === ready) current = prev;
    },
  );
  return ready;
}

/** The name initBackend() settled on, or null before it resolved. */
export async function currentBackend(): Promise<string | null> {
  return current ? current.ready.catch(() => null) : null;
}

/** For tests only: forget the cached choice so the next initBackend() selects again. */
export function resetBackendForTests(): void {
  current = null;
}

/** All names accepted by MMFND_BACKEND, for CLI help texts. */
export const BACKEND_CHOICES: readonly string[] = ['auto', ...BACKEND_NAMES];
