/**
 * The native package's install script (native/build.cjs) must never fail an
 * npm install: without a C compiler it exits 0 and records why; with one it
 * builds an addon that loads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'native', 'build.cjs');

function build(env: Record<string, string>): { rc: number | null; status: { ok: boolean; detail: string }; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-native-'));
  const r = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MMFND_NATIVE_BUILD_DIR: dir, MMFND_NATIVE: '', ...env },
  });
  return { rc: r.status, status: JSON.parse(fs.readFileSync(path.join(dir, 'status.json'), 'utf8')), dir };
}

describe('native/build.cjs (the install script)', () => {
  it('exits 0 and says why when no C compiler is on PATH', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-path-'));
    fs.symlinkSync(process.execPath, path.join(bin, 'node')); // PATH with node only: no cc, gcc, clang
    const r = build({ PATH: bin, CC: '' });
    expect(r.rc).toBe(0);
    expect(r.status).toMatchObject({ ok: false, detail: expect.stringMatching(/no C compiler found/) });
    expect(fs.existsSync(path.join(r.dir, 'mmfnd_native.node'))).toBe(false);
  });

  it('exits 0 and records the error when the compiler fails', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-cc-'));
    const cc = path.join(bin, 'badcc');
    fs.writeFileSync(cc, '#!/bin/sh\n[ "$1" = --version ] && exit 0\necho "badcc: cannot compile" >&2\nexit 1\n', { mode: 0o755 });
    const r = build({ CC: cc });
    expect(r.rc).toBe(0);
    expect(r.status).toMatchObject({ ok: false, detail: expect.stringMatching(/badcc failed: badcc: cannot compile/) });
  });

  it('builds an addon that loads, when a compiler is present', () => {
    const hasCc = ['cc', 'gcc', 'clang'].some((c) => spawnSync(c, ['--version']).status === 0);
    if (!hasCc) return console.warn('no C compiler here: build not tested');
    const r = build({});
    expect(r.rc).toBe(0);
    expect(r.status.ok, r.status.detail).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addon = require(path.join(r.dir, 'mmfnd_native.node')) as { init: unknown; gemm: unknown; adam: unknown };
    expect(typeof addon.gemm).toBe('function');
    expect(typeof addon.adam).toBe('function');
  });
});
