/**
 * Executes every notebooks/*.ipynb headless and fails on any cell error,
 * printing the failing cell, its error and what it wrote to stderr.
 *
 *   jupyter nbconvert --to notebook --execute --config nbconvert_config.py
 *     --ExecutePreprocessor.kernel_name=tslab <nb> --output-dir <tmp>
 *
 * No --allow-errors: tslab puts a cell's error on its stderr stream (no
 * "error" output) and then leaves the following cells unexecuted, so an
 * executed notebook cannot be searched for errors; nbconvert's exit status
 * is the signal and nbconvert_config.py prints the failing cell's details.
 *
 * The executed copy goes to a temp dir: the test never rewrites the
 * committed notebooks. Those are committed EXECUTED (`npm run notebooks`
 * re-runs them in place), so a reader browsing the repository sees the
 * figures; checked too: every code cell run in order, no error output.
 *
 * Setup: `scripts/jupyter-setup.sh` (Debian jupyter packages + the tslab
 * kernel spec under .jupyter-test/, which this test puts on JUPYTER_PATH).
 * Missing setup FAILS the test with that instruction, so CI cannot skip
 * notebooks silently; MMFND_SKIP_NOTEBOOKS=1 skips them with a printed reason.
 * MMFND_NOTEBOOK_TIMEOUT_S (default 600) bounds each notebook.
 *
 * What works in tslab 1.0.22 here (measured):
 * - The zeromq native module loads from its bundled prebuilds although npm
 *   ran no install scripts; kernel start ≈ 2 s, the smoke notebook ≈ 3.5 s.
 * - tslab compiles each cell as <kernel cwd>/__tslab__.ts with TypeScript
 *   5.0 and rootDir = cwd; imported .ts files outside the cwd fail ("is not
 *   under 'rootDir'"). Jupyter starts kernels in the notebook's folder, so
 *   `import … from '../lib/…'` from notebooks/ does NOT work. The kernel
 *   spec therefore launches scripts/tslab-kernel, which starts tslab from the
 *   repo root: cells import `./lib/figures/bar` (repo-root-relative).
 * - Extensionless imports work; folder imports do not (`./lib/figures`
 *   fails at run time, `./lib/figures/index` works), and neither do file
 *   names with a dot before the extension. lib/ files that import a folder
 *   (e.g. '../papers') cannot be used from notebooks.
 * - lib/ files are compiled to CommonJS: no import.meta in lib/. ESM-only
 *   packages (arquero, @observablehq/plot, d3) load through Node 20's
 *   require(esm).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(process.cwd());
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const JUPYTER_PATH = [path.join(ROOT, '.jupyter-test', 'share', 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
// `python3` on PATH may be a pyenv build without Jupyter; Debian's is the one the setup script fills
const PYTHON = process.env.MMFND_JUPYTER_PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const TIMEOUT_S = Number(process.env.MMFND_NOTEBOOK_TIMEOUT_S ?? 600);
const ENV = { ...process.env, JUPYTER_PATH };
const HOW = 'run `scripts/jupyter-setup.sh` (installs jupyter-nbconvert etc. and the tslab kernel spec under .jupyter-test/), or set MMFND_SKIP_NOTEBOOKS=1 to skip notebooks';

/** Why notebooks cannot run here, or null when they can. */
async function missingSetup(): Promise<string | null> {
  try {
    await run(PYTHON, ['-m', 'nbconvert', '--version'], { env: ENV });
  } catch {
    return `jupyter nbconvert is not available to ${PYTHON}`;
  }
  try {
    const { stdout } = await run(PYTHON, ['-m', 'jupyter', 'kernelspec', 'list', '--json'], { env: ENV });
    const spec = JSON.parse(stdout).kernelspecs?.tslab;
    if (!spec) return `no tslab kernel spec on JUPYTER_PATH=${JUPYTER_PATH}`;
    const argv0 = spec.spec?.argv?.[0];
    if (argv0 && !fs.existsSync(argv0)) return `the tslab kernel spec points at ${argv0}, which does not exist (checkout moved?)`;
  } catch (e) {
    return `jupyter kernelspec list failed: ${(e as Error).message}`;
  }
  return null;
}

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

/** What nbconvert_config.py prints for a failing cell. */
interface CellError {
  cell: number;
  source: string;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  outputs: { stream?: string; text?: string; error?: string; traceback?: string[] }[];
}

const CONFIG = path.join(ROOT, 'test', 'notebooks', 'nbconvert_config.py');
// tracebacks carry ANSI colour codes
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function cells(file: string): Cell[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Cell[] }).cells;
}

/** The failing cell as nbconvert_config.py reported it, for a human; null if stderr has no report. */
function describeFailure(stderr: string, total: number): string | null {
  const line = stderr.split('\n').find((l) => l.startsWith('MMFND_CELL_ERROR '));
  if (!line) return null;
  const e = JSON.parse(line.slice('MMFND_CELL_ERROR '.length)) as CellError;
  const outputs = e.outputs.map((o) => (o.error ? `${o.error}\n${(o.traceback ?? []).join('\n')}` : `[${o.stream}] ${o.text}`));
  return [
    `cell ${e.cell + 1} of ${total} failed:`,
    e.source.replace(/^/gm, '  > '),
    e.ename || e.evalue ? `${e.ename ?? ''}: ${e.evalue ?? ''}` : '',
    ...(e.traceback ?? []),
    ...outputs,
  ]
    .filter(Boolean)
    .map(plain)
    .join('\n');
}

const notebooks = fs.existsSync(NOTEBOOKS) ? fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort() : [];
const skip = process.env.MMFND_SKIP_NOTEBOOKS === '1';
if (skip) console.log(`[notebooks] skipped: MMFND_SKIP_NOTEBOOKS=1 (${notebooks.length} notebooks not executed)`);

describe.skipIf(skip)('notebooks', () => {
  it('has the Jupyter setup (scripts/jupyter-setup.sh)', async () => {
    const why = await missingSetup();
    if (why) throw new Error(`notebooks cannot run: ${why}.\nTo fix: ${HOW}.`);
  });

  for (const nb of notebooks) {
    it(`${nb} is committed executed (outputs inline, no errors), so a reader sees the figures`, () => {
      // tslab sets no execution_count; "executed" = it has outputs, none an error, and (checked after the
      // headless run below) every cell that prints in a fresh run has its output committed
      const code = cells(path.join(NOTEBOOKS, nb)).map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
      expect(code.some(({ c }) => (c.outputs?.length ?? 0) > 0), `execute it in place before committing: npm run notebooks -- notebooks/${nb}`).toBe(true);
      const errors = code.filter(({ c }) => (c.outputs ?? []).some((o) => (o as { output_type?: string }).output_type === 'error'));
      expect(errors.map(({ i }) => `cell ${i + 1}`), 'committed with an error output').toEqual([]);
    });

    it(`${nb} runs without a cell error`, { timeout: (TIMEOUT_S + 30) * 1000 }, async () => {
      const why = await missingSetup();
      if (why) throw new Error(`cannot execute ${nb}: ${why}.\nTo fix: ${HOW}.`);
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-nb-'));
      try {
        const args = ['-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--config', CONFIG];
        args.push('--ExecutePreprocessor.kernel_name=tslab', `--ExecutePreprocessor.timeout=${TIMEOUT_S}`);
        args.push('--output-dir', out, '--output', nb, path.join(NOTEBOOKS, nb));
        try {
          await run(PYTHON, args, { env: ENV, timeout: TIMEOUT_S * 1000, maxBuffer: 64 << 20 });
        } catch (e) {
          const err = e as Error & { stderr?: string };
          const stderr = err.stderr ?? '';
          const cell = describeFailure(stderr, cells(path.join(NOTEBOOKS, nb)).length);
          // no cell report: the kernel died, timed out or did not start — show nbconvert's own words
          throw new Error(`${nb}: ${cell ?? `nbconvert failed: ${err.message}\n${plain(stderr).slice(-4000)}`}`);
        }
        // the committed copy carries the output of every cell that prints in this fresh run (not stale, not cleared)
        const fresh = cells(path.join(out, nb)), committed = cells(path.join(NOTEBOOKS, nb));
        const stale = fresh.map((c, i) => ({ c, i })).filter(({ c, i }) => c.cell_type === 'code' && (c.outputs?.length ?? 0) > 0 && !(committed[i]?.outputs?.length));
        expect(stale.map(({ i }) => `cell ${i + 1}`), `outputs missing from the committed notebook: npm run notebooks -- notebooks/${nb}`).toEqual([]);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
