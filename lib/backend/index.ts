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
 *
 * On wasm, the optional native kernels (native/, lib/backend/native.ts) take
 * over BatchMatMul and the trainer's Adam when they load; `MMFND_NATIVE=0`
 * (or `initBackend({ native: false })`) keeps the wasm kernels, and the
 * announcement says which path runs and why.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { applyWasmMatmulFix, removeWasmMatmulFix } from './wasm-matmul-fix';
import { applyNativeMatmul, nativeMatmulApplied, removeNativeMatmul } from './native-matmul';
import { loadNativeKernels, nativeAdamAddon, nativeAddon, nativeTag, setNativeAdam } from './native';
import { type BackendLoader, type BackendName, BACKEND_NAMES, parseBackendName, selectBackend } from './select';

export { tf };
export { BACKEND_NAMES, type BackendName, parseBackendName, selectBackend } from './select';
export { applyWasmMatmulFix, removeWasmMatmulFix, wasmMatmulFixApplied } from './wasm-matmul-fix';
export { applyNativeMatmul, removeNativeMatmul, nativeMatmulApplied } from './native-matmul';
export { nativeAddon, nativeAdamAddon, nativeStatus, type NativeStatus } from './native';

export interface InitBackendOptions {
  /** force a backend (see BACKEND_NAMES, plus 'auto'); overrides MMFND_BACKEND */
  backend?: string;
  /** do not print the chosen backend (also: MMFND_QUIET=1) */
  quiet?: boolean;
  /** where the one-line banner goes: default stderr (stdout stays clean for tables/JSON); notebooks pass console.log, so it is not shown as an error */
  log?: (line: string) => void;
  /** wasm only: apply the transposed-matMul fix (default true; env MMFND_WASM_MATMUL_FIX=0 turns it off) */
  matmulFix?: boolean;
  /** wasm only: use the native kernels when they load (default true; env MMFND_NATIVE=0 turns them off) */
  native?: boolean;
  /** wasm only: the BLAS library to dlopen instead of the default list (env MMFND_NATIVE_BLAS) */
  nativeBlas?: string;
  /** wasm only: the trainer's Adam in the native package too (default true; env MMFND_NATIVE_ADAM=0 keeps tfjs's) */
  nativeAdam?: boolean;
  /** wasm only: BatchMatMul through the native BLAS (default true; env MMFND_NATIVE_GEMM=0 keeps the wasm kernel) */
  nativeGemm?: boolean;
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
        removeNativeMatmul(); // it wraps whichever kernel is below it: re-applied on top of the fix's choice
        if (fix) applyWasmMatmulFix();
        else removeWasmMatmulFix();
        const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        const threads = wasm.getThreadsCount();
        const native = loadNativeKernels({
          enabled: opts.native ?? envFlag('MMFND_NATIVE', true),
          blas: opts.nativeBlas ?? (process.env.MMFND_NATIVE_BLAS || undefined),
          adam: opts.nativeAdam ?? envFlag('MMFND_NATIVE_ADAM', true),
        });
        const gemm = native.ok && (opts.nativeGemm ?? envFlag('MMFND_NATIVE_GEMM', true));
        if (gemm) applyNativeMatmul(native.addon);
        const wasmDetail = `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}, matMul fix ${fix ? 'on' : 'off'}`;
        // 'reason' in: tslab compiles notebooks without strictNullChecks, where `!native.ok` does not narrow the union
        if (!native.ok) return `${wasmDetail}; native BLAS off: ${'reason' in native ? native.reason : '?'}`;
        const adam = nativeAdamAddon() ? 'native Adam' : "tfjs's Adam";
        return gemm ? `${native.desc}, ${adam}; wasm ${wasmDetail}` : `GEMM on wasm (MMFND_NATIVE_GEMM=0), ${adam}; ${wasmDetail}`;
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
let current: { requested: BackendName | 'auto'; name: BackendName | null; ready: Promise<BackendName> } | null = null;

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
      const name = sel.name === 'wasm' && nativeMatmulApplied() ? 'wasm + native BLAS' : sel.name;
      const line = `[mmfnd] backend: ${name} (${sel.detail}${skipped})`;
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

/**
 * Which numeric path computes on this process: the backend, and on wasm
 * whether the native BLAS does the GEMMs ('wasm', 'wasm+openblas', …).
 * Part of a run's record and of its cache key (lib/experiment): the paths
 * round GEMMs differently, so their results must never mix. Call after initBackend().
 */
export async function numericPath(): Promise<string> {
  const name = await currentBackend();
  if (name == null) throw new Error('numericPath(): call initBackend() first');
  if (name !== 'wasm') return name;
  return (nativeMatmulApplied() && nativeTag()) || 'wasm';
}

/**
 * For A/B benchmarks: switch the native GEMM and the flat Adam on or off for
 * this process (each only where the addon loaded; Adam takes effect at the next
 * train()). Returns what is on afterwards.
 */
export function configureNative(o: { gemm: boolean; adam: boolean }): { gemm: boolean; adam: boolean } {
  const addon = nativeAddon();
  if (addon && o.gemm) applyNativeMatmul(addon);
  else removeNativeMatmul();
  setNativeAdam(o.adam);
  return { gemm: nativeMatmulApplied(), adam: nativeAdamAddon() != null };
}

/** All names accepted by MMFND_BACKEND, for CLI help texts. */
export const BACKEND_CHOICES: readonly string[] = ['auto', ...BACKEND_NAMES];
