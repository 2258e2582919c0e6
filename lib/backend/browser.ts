/**
 * The compute backend in a web page (explorer/): the same `tf` and an
 * initBackend() like lib/backend/index.ts, without Node's module resolution
 * or native packages. The explorer's bundler maps every import of
 * lib/backend/index to this file (explorer/build.ts, BROWSER_MODULES).
 *
 * Order: 'webgl' on a hardware GPU; else 'wasm' with its .wasm files served
 * beside the page (setWasmPaths), with our transposed-matMul fix; then a
 * software 'webgl' (when wasm cannot load, e.g. from file://); then 'cpu'.
 * A software WebGL (SwiftShader, llvmpipe: what headless Chromium and GPU-less
 * machines get) is slower than wasm for these small MLPs, so it counts as no GPU.
 * `?backend=webgl|wasm|cpu` in the page URL forces one (explorer/src/main.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { applyWasmMatmulFix } from './wasm-matmul-fix';

export { tf };

/** The native kernels (lib/backend/native.ts) exist in Node only: the trainer's Adam is tfjs's here. */
export function nativeAdamAddon(): null {
  return null;
}

export const BROWSER_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

export interface InitBackendOptions {
  /** 'auto' (default) or one of BROWSER_BACKENDS */
  backend?: string;
  quiet?: boolean;
  /** wasm only: the transposed-matMul fix (default true) */
  matmulFix?: boolean;
  /** URL prefix of the .wasm files (default: beside the page) */
  wasmPath?: string;
}

interface GlInfo {
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
}

/** The WebGL renderer string, '' when there is no WebGL; `software` when it is a CPU rasteriser. */
export function webglRenderer(): { renderer: string; software: boolean } {
  const doc = (globalThis as { document?: { createElement(t: string): { getContext(k: string): GlInfo | null } } }).document;
  if (!doc) return { renderer: '', software: true };
  const canvas = doc.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return { renderer: '', software: true };
  const info = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null;
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(0x1f01 /* RENDERER */));
  return { renderer, software: /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) };
}

let ready: Promise<string> | null = null;
let detail = '';

/** Picks and initialises a backend once; resolves to its name. A forced name that fails is an error, never a silent fallback. */
export function initBackend(opts: InitBackendOptions = {}): Promise<string> {
  ready ??= (async () => {
    const want = opts.backend ?? 'auto';
    if (want !== 'auto' && !(BROWSER_BACKENDS as readonly string[]).includes(want)) {
      throw new Error(`initBackend: backend '${want}' is not one of auto, ${BROWSER_BACKENDS.join(', ')}`);
    }
    const gl = webglRenderer();
    // software WebGL still beats 'cpu' when wasm cannot load; from file:// browsers refuse to fetch
    // the .wasm files, so it is not even tried (no console error for a known failure)
    const fromDisk = (globalThis as { location?: { protocol: string } }).location?.protocol === 'file:';
    const auto: BrowserBackend[] = !gl.renderer ? ['wasm', 'cpu'] : gl.software ? ['wasm', 'webgl', 'cpu'] : ['webgl', 'wasm', 'cpu'];
    const order: BrowserBackend[] = want !== 'auto' ? [want as BrowserBackend] : auto.filter((b) => !(fromDisk && b === 'wasm'));
    const failed: string[] = [];
    for (const name of order) {
      try {
        if (name === 'wasm')
          setWasmPaths(opts.wasmPath ?? new URL('./', (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/').href);
        if (await tf.setBackend(name)) {
          await tf.ready();
          if (name === 'wasm' && opts.matmulFix !== false) applyWasmMatmulFix();
          detail =
            name === 'webgl'
              ? gl.renderer
              : name === 'wasm'
                ? `${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD'}${gl.renderer ? `; WebGL is ${gl.software ? 'software' : 'hardware'}: ${gl.renderer}` : '; no WebGL'}`
                : 'pure JS';
          if (!opts.quiet) console.info(`[mmfnd] backend: ${name} (${detail})`);
          return name;
        }
        failed.push(name);
      } catch (e) {
        failed.push(`${name}: ${(e as Error).message}`);
      }
      if (want !== 'auto') break;
    }
    throw new Error(`initBackend: no backend could start (${failed.join('; ')})`);
  })();
  return ready;
}

/** The name initBackend() settled on and why (renderer, SIMD), or null before it resolved. */
export async function currentBackend(): Promise<string | null> {
  return ready
    ? ready.then(
        (n) => `${n} (${detail})`,
        () => null,
      )
    : null;
}
