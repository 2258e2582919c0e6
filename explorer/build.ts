/**
 * npm run explorer [-- --out explorer/dist] [--serve [--port 8080]]
 *
 * Builds the imbalance explorer into a static folder: index.html, one
 * bundle (esbuild, IIFE so it also opens from file:// where WebGL works) and
 * the tfjs-backend-wasm .wasm files beside it. The bundle uses the library's
 * own modules (synthetic data, late-fusion models, trainer, MIB); the two
 * that need Node are swapped for their browser entries (BROWSER_MODULES),
 * and any node: import that would still reach the bundle fails the build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { repoRoot } from '../lib/data/datadir';
import { serveStatic } from './serve';

const ROOT = repoRoot();

/** lib module → its browser entry: same exports, nothing from Node. */
export const BROWSER_MODULES: Record<string, string> = {
  'lib/backend/index.ts': 'lib/backend/browser.ts',
  'lib/train/progress.ts': 'lib/train/progress-browser.ts',
};

const browserModules: esbuild.Plugin = {
  name: 'mmfnd-browser-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const abs = path.resolve(args.resolveDir, args.path);
      const rel = path.relative(ROOT, abs).split(path.sep).join('/');
      const hit = BROWSER_MODULES[rel] ?? BROWSER_MODULES[`${rel}.ts`];
      return hit ? { path: path.join(ROOT, hit) } : undefined;
    });
    // our code: fail loudly, naming the importer, rather than ship a bundle that breaks in the browser.
    // Packages (emscripten's guarded require('fs') in tfjs-backend-wasm) map these in their own
    // package.json "browser" field, which esbuild applies.
    build.onResolve({ filter: /^node:|^(fs|path|os|child_process|worker_threads|module|crypto|readline|http)$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? undefined
        : {
            errors: [
              {
                text: `'${args.path}' is Node-only, imported by ${path.relative(ROOT, args.importer)}: give that module a browser entry in BROWSER_MODULES or keep it out of the explorer`,
              },
            ],
          },
    );
  },
};

export interface BuildResult {
  outDir: string;
  files: string[];
  /** repo-relative source files in the bundle (lib/…, explorer/src/…, node_modules/…) */
  inputs: string[];
  bytes: number;
}

export async function buildExplorer(outDir = path.join(ROOT, 'explorer', 'dist')): Promise<BuildResult> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'explorer', 'src', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    outfile: path.join(outDir, 'explorer.js'),
    metafile: true,
    logLevel: 'silent',
    plugins: [browserModules],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const wasmDir = path.dirname(require_resolve('@tensorflow/tfjs-backend-wasm'));
  const wasm = fs.readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'));
  if (!wasm.length) throw new Error(`buildExplorer: no .wasm files in ${wasmDir}`);
  for (const f of wasm) fs.copyFileSync(path.join(wasmDir, f), path.join(outDir, f));
  fs.copyFileSync(path.join(ROOT, 'explorer', 'index.html'), path.join(outDir, 'index.html'));
  const files = fs.readdirSync(outDir).sort();
  const bytes = files.reduce((s, f) => s + fs.statSync(path.join(outDir, f)).size, 0);
  return {
    outDir,
    files,
    inputs: Object.keys(result.metafile.inputs)
      .map((i) => path.relative(ROOT, path.resolve(i)).split(path.sep).join('/'))
      .sort(),
    bytes,
  };
}

/** The package's main entry (dist/…), found from the repo root; no import.meta (see CONTRIBUTING). */
function require_resolve(pkg: string): string {
  const main = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).main as string;
  return path.join(ROOT, 'node_modules', pkg, main);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, serve: { type: 'boolean' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: npm run explorer -- [--out explorer/dist] [--serve [--port 8080]]\n');
    return;
  }
  const r = await buildExplorer(values.out ? path.resolve(values.out) : undefined);
  process.stderr.write(`[explorer] ${path.relative(process.cwd(), r.outDir) || '.'}: ${r.files.join(', ')} (${(r.bytes / 1e6).toFixed(1)} MB)\n`);
  if (values.serve) {
    const s = await serveStatic(r.outDir, Number(values.port ?? 8080));
    process.stderr.write(`[explorer] serving on ${s.url} (Ctrl-C stops)\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'explorer', 'build.ts')) {
  main().catch((e) => {
    process.stderr.write(`[explorer] ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
