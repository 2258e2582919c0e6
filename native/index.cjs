/**
 * Loader for the optional native kernels (src/mmfnd_native.c, built by build.cjs).
 *
 *   const { loadNative } = require('mmfnd-native');
 *   const r = loadNative({ blas });   // { ok: true, addon, lib, desc } or { ok: false, reason }
 *
 * Never throws: every way it can be missing (not built, no BLAS library)
 * comes back as a reason for the backend's one-line announcement.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ADDON = path.join(__dirname, 'build', 'mmfnd_native.node');

/** BLAS libraries tried in order when none is named: the first exporting cblas_sgemm wins. */
function defaultCandidates() {
  if (process.platform === 'darwin') return ['/System/Library/Frameworks/Accelerate.framework/Accelerate'];
  // OpenBLAS (Debian libopenblas0-pthread / -openmp / -serial, Fedora openblas), then BLIS, then ATLAS's cblas.
  // Not the reference libblas.so.3: it is slower than the wasm kernels.
  return ['libopenblas.so.0', 'libopenblas.so', 'libopenblasp.so.0', 'libblis.so.4', 'libblis.so.3', 'libblis.so', 'libcblas.so.3'];
}

function installHint() {
  if (process.platform === 'darwin') return 'Accelerate should always be present on macOS';
  return 'apt-get install libopenblas0-pthread';
}

function buildStatus() {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'build', 'status.json'), 'utf8'));
  } catch {
    return null;
  }
}

const cache = new Map();

/**
 * @param {{ blas?: string | string[], addonPath?: string }} [opts]
 *   blas: a library name or path (or several) instead of the default list;
 *   addonPath: the compiled addon (default build/mmfnd_native.node).
 */
function loadNative(opts = {}) {
  const addonPath = opts.addonPath || ADDON;
  const candidates = opts.blas ? [].concat(opts.blas) : defaultCandidates();
  const key = `${addonPath}\n${candidates.join('\n')}`;
  if (cache.has(key)) return cache.get(key);
  let r;
  if (!fs.existsSync(addonPath)) {
    const st = addonPath === ADDON ? buildStatus() : null;
    r = {
      ok: false,
      reason:
        st && !st.ok
          ? `addon not built: ${st.detail}`
          : `addon not built (${path.relative(process.cwd(), addonPath) || addonPath} missing) — run: npm rebuild mmfnd-native`,
    };
  } else {
    try {
      const addon = require(addonPath);
      const got = addon.init(candidates);
      r = got.ok ? { ok: true, addon, lib: got.lib, desc: got.desc } : { ok: false, reason: `${got.error || 'no BLAS library'} — ${installHint()}` };
    } catch (e) {
      r = { ok: false, reason: `addon failed to load: ${String(e && e.message ? e.message : e).split('\n')[0]} — run: npm rebuild mmfnd-native` };
    }
  }
  cache.set(key, r);
  return r;
}

module.exports = { loadNative, defaultCandidates, ADDON };
