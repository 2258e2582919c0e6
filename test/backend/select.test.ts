/**
 * Backend selection: order, forcing, errors (pure logic with fake loaders),
 * then initBackend itself with MMFND_BACKEND in this process.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BackendLoader, BACKEND_NAMES, parseBackendName, selectBackend } from '../../lib/backend/select';
import { initBackend, resetBackendForTests, tf } from '../../lib/backend';

function fakeLoaders(available: string[], calls: string[] = []): BackendLoader[] {
  return BACKEND_NAMES.map((name) => ({
    name,
    load: async () => {
      calls.push(name);
      if (!available.includes(name)) throw new Error(`Cannot find package '${name}'\nstack...`);
      return `${name} detail`;
    },
  }));
}

describe('selectBackend (pure)', () => {
  it('tries fastest first and stops at the first that loads', async () => {
    const calls: string[] = [];
    const sel = await selectBackend(fakeLoaders(['wasm', 'cpu'], calls));
    expect(sel.name).toBe('wasm');
    expect(sel.detail).toBe('wasm detail');
    expect(calls).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
    expect(sel.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(sel.skipped[0].reason).toBe("Cannot find package 'tensorflow-gpu'"); // first line only
  });

  it('prefers the native GPU backend when it loads', async () => {
    expect((await selectBackend(fakeLoaders([...BACKEND_NAMES]))).name).toBe('tensorflow-gpu');
    expect((await selectBackend(fakeLoaders(['tensorflow', 'cpu']))).name).toBe('tensorflow');
    expect((await selectBackend(fakeLoaders(['cpu']))).name).toBe('cpu');
  });

  it('a forced backend runs only its loader', async () => {
    const calls: string[] = [];
    const sel = await selectBackend(fakeLoaders([...BACKEND_NAMES], calls), 'cpu');
    expect(sel.name).toBe('cpu');
    expect(calls).toEqual(['cpu']);
  });

  it('a forced backend that cannot load is an error naming it and the valid values', async () => {
    const p = selectBackend(fakeLoaders(['wasm', 'cpu']), 'tensorflow', 'MMFND_BACKEND');
    await expect(p).rejects.toThrow(/MMFND_BACKEND="tensorflow" was requested but cannot be loaded/);
    await expect(p).rejects.toThrow(/Valid values: auto, tensorflow-gpu, tensorflow, wasm, cpu/);
  });

  it('nothing loads: error lists every reason', async () => {
    await expect(selectBackend(fakeLoaders([]))).rejects.toThrow(/no TensorFlow.js backend.*tensorflow-gpu:.*cpu:/);
  });
});

describe('parseBackendName', () => {
  it('accepts names, aliases and case', () => {
    expect(parseBackendName('WASM')).toBe('wasm');
    expect(parseBackendName('tfjs-node')).toBe('tensorflow');
    expect(parseBackendName('gpu')).toBe('tensorflow-gpu');
    expect(parseBackendName('auto')).toBe('auto');
    expect(parseBackendName('')).toBe('auto');
  });
  it('rejects unknown values, listing valid ones', () => {
    expect(() => parseBackendName('webgl', 'MMFND_BACKEND')).toThrow(
      /MMFND_BACKEND="webgl" is not a known backend; valid values: auto, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });
});

describe('initBackend', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.MMFND_BACKEND = saved.MMFND_BACKEND;
    if (saved.MMFND_BACKEND === undefined) delete process.env.MMFND_BACKEND;
    resetBackendForTests();
    vi.restoreAllMocks();
  });

  it('MMFND_BACKEND forces a backend; second call is a no-op that prints nothing', async () => {
    process.env.MMFND_BACKEND = 'cpu';
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await initBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend()).toBe('cpu');
    const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('[mmfnd] backend'));
    expect(lines).toEqual(['[mmfnd] backend: cpu (pure JS, 20-40x slower than wasm)\n']);
  });

  it('auto picks wasm here (native packages absent) with the matMul fix', async () => {
    delete process.env.MMFND_BACKEND;
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const name = await initBackend();
    const line = write.mock.calls.map((c) => String(c[0])).find((l) => l.includes('[mmfnd] backend'));
    // a machine with tfjs-node installed would legitimately pick it
    // with the native kernels (native/) loaded, or without them and the reason why
    if (name === 'wasm')
      expect(line).toMatch(
        /wasm \+ native BLAS \(\S.*, 1 thread, native Adam; wasm SIMD, 1 thread, matMul fix on; skipped tensorflow-gpu, tensorflow\)|wasm \(SIMD, 1 thread, matMul fix on; native BLAS off: .+; skipped tensorflow-gpu, tensorflow\)/,
      );
    else expect(['tensorflow-gpu', 'tensorflow']).toContain(name);
  });

  it('quiet option suppresses the line', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await initBackend({ backend: 'cpu', quiet: true });
    expect(write.mock.calls.some((c) => String(c[0]).includes('[mmfnd]'))).toBe(false);
  });

  it('unknown env value is a clear error', async () => {
    process.env.MMFND_BACKEND = 'webgpu';
    await expect(initBackend({ quiet: true })).rejects.toThrow(/MMFND_BACKEND="webgpu" is not a known backend/);
  });

  it('a forced backend that cannot load is an error, and does not poison later calls', async () => {
    process.env.MMFND_BACKEND = 'tensorflow';
    const p = initBackend({ quiet: true });
    await expect(p).rejects.toThrow(/MMFND_BACKEND="tensorflow" was requested but cannot be loaded.*Valid values/s);
    process.env.MMFND_BACKEND = 'cpu';
    expect(await initBackend({ quiet: true })).toBe('cpu');
  });

  it('opts.backend wins over MMFND_BACKEND', async () => {
    process.env.MMFND_BACKEND = 'cpu';
    expect(await initBackend({ backend: 'wasm', quiet: true })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});
