#!/usr/bin/env node
/**
 * Compile src/mmfnd_native.c into build/mmfnd_native.node with the system C
 * compiler (no node-gyp: it would download Node's headers; N-API's headers
 * come from the `node-api-headers` npm package and its symbols resolve
 * against the running node at load time).
 *
 * Never fails the install: a missing compiler or headers, or a failed build,
 * is written to build/status.json and the process exits 0; the loader
 * (index.cjs) reads it to say why the wasm kernels run instead.
 *
 *   node native/build.cjs          (npm runs it as this package's install script)
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
// MMFND_NATIVE_BUILD_DIR: elsewhere (the install test builds into a temporary folder)
const outDir = process.env.MMFND_NATIVE_BUILD_DIR || path.join(here, 'build');
const out = path.join(outDir, 'mmfnd_native.node');
const statusFile = path.join(outDir, 'status.json');

function finish(ok, detail) {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(statusFile, JSON.stringify({ ok, detail, node: process.version, at: new Date().toISOString() }, null, 1) + '\n');
  process.stdout.write(`mmfnd-native: ${ok ? 'built' : 'not built'} (${detail})${ok ? '' : '; training uses the wasm kernels'}\n`);
  process.exit(0);
}

function findHeaders() {
  // this package is linked from the repo (file:), so look from here, from the installing project and from the cwd
  const bases = [here, process.env.INIT_CWD, process.cwd(), path.join(here, '..')].filter(Boolean);
  for (const b of bases) {
    try {
      const pkg = require.resolve('node-api-headers/package.json', { paths: [b] });
      const inc = path.join(path.dirname(pkg), 'include');
      if (fs.existsSync(path.join(inc, 'node_api.h'))) return inc;
    } catch {
      /* next base */
    }
  }
  return null;
}

function findCompiler() {
  const names = [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean);
  for (const cc of names) {
    const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return cc;
  }
  return null;
}

function main() {
  if (process.env.MMFND_NATIVE === '0') finish(false, 'MMFND_NATIVE=0 at install');
  const inc = findHeaders();
  if (!inc) finish(false, 'node-api-headers not installed (a devDependency of the workbench)');
  const cc = findCompiler();
  if (!cc) finish(false, 'no C compiler found (cc, gcc, clang) — apt-get install gcc');
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  // -ffp-contract=off: no fused multiply-add, so the flat Adam rounds exactly like tfjs's float32 ops
  const args = [
    '-O3',
    '-ffp-contract=off',
    '-fno-math-errno',
    '-shared',
    '-fPIC',
    '-std=c11',
    '-D_POSIX_C_SOURCE=200809L',
    `-I${inc}`,
    path.join(here, 'src', 'mmfnd_native.c'),
    '-o',
    tmp,
  ];
  if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup');
  else args.push('-ldl');
  const t0 = Date.now();
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    const msg = (r.stderr || r.error?.message || '').trim().split('\n').slice(0, 3).join(' | ');
    finish(false, `${cc} failed: ${msg}`);
  }
  fs.renameSync(tmp, out);
  finish(true, `${cc}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();
