/**
 * The optional native kernels behind the wasm backend (package native/,
 * `mmfnd-native`): a BLAS GEMM that reads and writes the wasm heap in place,
 * and the flat Adam (lib/train/flat-adam.ts). Loaded once per process; every
 * way it can be missing (disabled, not built, no BLAS library) is a reason
 * for the backend's announcement, never an error: the wasm kernels run.
 *
 * Which path ran is part of a run's identity (numericPath()): BLAS GEMMs
 * round differently from XNNPACK's (within ~3e-6), so results from the two
 * never share a cache entry.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the addon exports (native/src/mmfnd_native.c). */
export interface NativeAddon {
  gemm(
    heap: ArrayBuffer,
    ta: boolean,
    tb: boolean,
    m: number,
    n: number,
    k: number,
    offA: number,
    offB: number,
    offC: number,
    batch: number,
    strideA: number,
    strideB: number,
  ): void;
  adam(heap: ArrayBuffer, offTheta: number, offGrad: number, offOut: number, n: number, m: Float32Array, v: Float32Array, p: Float32Array): void;
}

export type NativeStatus = { ok: true; addon: NativeAddon; lib: string; desc: string } | { ok: false; reason: string };

export interface NativeOptions {
  /** false: the wasm kernels only (env MMFND_NATIVE=0) */
  enabled?: boolean;
  /** a BLAS library name or path instead of the default list (env MMFND_NATIVE_BLAS) */
  blas?: string;
  /** the compiled addon (tests: a missing one) */
  addonPath?: string;
  /** false: keep tfjs's Adam even when the addon loads (A/B benchmarks; env MMFND_NATIVE_ADAM=0) */
  adam?: boolean;
}

type Loader = { loadNative(o: { blas?: string; addonPath?: string }): NativeStatus };

/** native/index.cjs: through the `mmfnd-native` link npm made, else from the repo (a worktree, a notebook). */
function findLoader(): Loader | string {
  const bases = [typeof __dirname === 'string' ? path.join(__dirname, 'noop.js') : null, path.join(process.cwd(), 'noop.js')];
  for (const base of bases) {
    if (!base) continue;
    const req = createRequire(base);
    try {
      return req('mmfnd-native') as Loader;
    } catch {
      /* not linked: try the repo's copy */
    }
    for (const rel of ['../../native/index.cjs', 'native/index.cjs']) {
      const f = path.resolve(path.dirname(base), rel);
      if (fs.existsSync(f)) return req(f) as Loader;
    }
  }
  return 'package mmfnd-native not found (native/ in the repo)';
}

let active: NativeStatus | null = null;
let adamOn = true;

/** Load (once) and make current. Never throws. */
export function loadNativeKernels(o: NativeOptions = {}): NativeStatus {
  adamOn = o.adam ?? true;
  if (o.enabled === false) return (active = { ok: false, reason: 'MMFND_NATIVE=0' });
  const loader = findLoader();
  if (typeof loader === 'string') return (active = { ok: false, reason: loader });
  active = loader.loadNative({ ...(o.blas ? { blas: o.blas } : {}), ...(o.addonPath ? { addonPath: o.addonPath } : {}) });
  return active;
}

/** The trainer's Adam: the flat native one (when the addon loaded) or tfjs's (A/B benchmarks). */
export function setNativeAdam(on: boolean): void {
  adamOn = on;
}

/** The loaded addon, or null when the wasm kernels run. */
export function nativeAddon(): NativeAddon | null {
  return active?.ok ? active.addon : null;
}

/** The addon when the trainer may use its Adam (wasm backend checked by the caller). */
export function nativeAdamAddon(): NativeAddon | null {
  return adamOn ? nativeAddon() : null;
}

export function nativeStatus(): NativeStatus | null {
  return active;
}

/** 'wasm+openblas' etc.: the BLAS family, so that two libraries' roundings never share a cache entry either. */
export function nativeTag(s: NativeStatus | null = active): string | null {
  if (!s?.ok) return null;
  const base = path.basename(s.lib).toLowerCase();
  const family = base.startsWith('libopenblas')
    ? 'openblas'
    : base.startsWith('libblis')
      ? 'blis'
      : base.includes('accelerate')
        ? 'accelerate'
        : base.replace(/^lib/, '').replace(/\..*$/, '');
  return `wasm+${family}`;
}
