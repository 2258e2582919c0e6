/**
 * Run a user's spec file through the same engine as the papers: the spec
 * (./custom-spec.ts) becomes one artefact whose runs go through reproduce()
 * — the same results cache, worker pool or job queue, dataset probing and
 * view preparation — and whose build writes the results table (Markdown +
 * CSV, one row per run entry: mean ± std over its seeds, per-modality
 * metrics, the missing-modality columns when asked) and results.json under
 * `<out>/<name>/` (default out: figures/custom).
 *
 *   npm run reproduce -- --spec my-runs.json [--out DIR] [--cache DIR] [--jobs N]
 *   const { rows } = await runCustomSpec('my-runs.json')          // a notebook cell
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aq from 'arquero';
import type { Artefact } from './artefact';
import { parseCustomSpec, type CustomSpec } from './custom-spec';
import type { RunExecutor } from './executor';
import { reproduce, type ReproduceReport } from './reproduce';
import type { RunResult } from './result';

export { parseCustomSpec, SpecError, type CustomRun, type CustomSpec } from './custom-spec';

export const CUSTOM_OUT = path.join('figures', 'custom');

/** A spec file (JSON) → validated spec; its base name is the default name. */
export function readCustomSpec(file: string): CustomSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read spec ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return parseCustomSpec(raw, file, path.basename(file).replace(/\.json$/i, ''));
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const std = (xs: number[]) => (xs.length < 2 ? null : Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

/** One row per run entry: mean (and sample std) over its seeds of each metric its runs have. */
export function customRows(spec: CustomSpec, result: (s: CustomSpec['runs'][number]['specs'][number]) => RunResult): Record<string, unknown>[] {
  return spec.runs.map((run) => {
    const rs = run.specs.map(result);
    const cols: Record<string, number[]> = {};
    const add = (k: string, v: number | undefined) => {
      if (v !== undefined && Number.isFinite(v)) (cols[k] ??= []).push(v);
    };
    for (const r of rs) {
      add('acc', r.test.acc);
      add('macroF1', r.test.macroF1);
      for (const [k, m] of Object.entries(r.missing ?? {})) add(`${k} acc`, m.acc);
      for (const [k, m] of Object.entries(r.modality?.masked ?? {})) add(`${k} (other masked) acc`, m.acc);
      for (const [k, m] of Object.entries(r.modality?.branches ?? {})) add(`${k} head acc`, m.acc);
      for (const [k, v] of Object.entries(r.modality?.shapley?.acc ?? {})) add(`${k} shapley acc`, v);
      for (const p of r.missingCurve ?? []) add(`acc @ missing ${p.rate}`, p.acc);
    }
    const s0 = run.specs[0];
    const row: Record<string, unknown> = {
      run: run.label,
      dataset: s0.dataset.kind === 'real' ? s0.dataset.name : 'synthetic',
      model: s0.model.name,
      balancer: s0.balancer?.name ?? '',
      seeds: run.specs.map((s) => s.seed).join(' '),
    };
    for (const [k, xs] of Object.entries(cols)) {
      row[k] = r4(mean(xs));
      if (run.specs.length > 1) row[`${k} std`] = std(xs) === null ? null : r4(std(xs)!);
    }
    return row;
  });
}

/** The spec as one artefact of paper `<name>`: its runs, and a table (results) built from their results. */
export function customArtefact(spec: CustomSpec): Artefact {
  return {
    paper: spec.name,
    id: 'results',
    title: `Custom runs: ${spec.name}`,
    runs: () => spec.runs.flatMap((r) => r.specs),
    build: (ctx) => {
      const rows = customRows(spec, (s) => ctx.result(s));
      // columns: the union over rows, in first-seen order (entries may differ in outputs)
      const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      const table = aq.table(Object.fromEntries(names.map((n) => [n, rows.map((r) => (n in r ? r[n] : null))])));
      return {
        tables: [
          {
            name: 'results',
            title: `Custom runs: ${spec.name} (profile ${spec.profile})`,
            table,
            note: 'Test-split metrics of the weights selected on validation; mean over the seeds (sample std beside it when more than one). "text-only / image-only acc": the missing-modality evaluation (the other modality zeroed at test time); "(other masked)", "head", "shapley": per-modality diagnostics (lib/eval/modality-report.ts).',
          },
        ],
        // the hashes the run cache holds them under (a real dataset's spec is stamped with its data's fingerprint)
        numbers: { rows, runs: spec.runs.map((r) => ({ label: r.label, hashes: r.specs.map((s) => ctx.result(s).hash) })) },
      };
    },
  };
}

export interface RunCustomOptions {
  /** output folder; the spec's files go to <out>/<name>/ (default figures/custom) */
  out?: string;
  cacheDir?: string;
  jobs?: number;
  executor?: RunExecutor;
  refresh?: boolean;
  /** where the real datasets are (absent: the loaders' default, lib/data/datadir.ts) */
  dataDir?: string;
  log?: (line: string) => void;
}

/**
 * Run a spec (a file path, or an already parsed object) to completion, as `--spec` does: returns the
 * reproduce report, the table rows and the folder written. For notebooks and tests.
 */
export async function runCustomSpec(
  spec: string | CustomSpec | unknown,
  o: RunCustomOptions = {},
): Promise<{ report: ReproduceReport; rows: Record<string, unknown>[]; dir: string; spec: CustomSpec }> {
  const parsed = typeof spec === 'string' ? readCustomSpec(spec) : isParsed(spec) ? spec : parseCustomSpec(spec);
  const out = o.out ?? CUSTOM_OUT;
  const report = await reproduce({
    artefacts: [customArtefact(parsed)],
    profile: parsed.profile,
    outDir: out,
    cacheDir: o.cacheDir,
    jobs: o.jobs,
    executor: o.executor,
    refresh: o.refresh,
    dataDir: o.dataDir,
    log: o.log,
  });
  const dir = path.join(out, parsed.name);
  const res = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
  const rows = (res.artefacts?.results?.numbers?.rows ?? []) as Record<string, unknown>[];
  return { report, rows, dir, spec: parsed };
}

function isParsed(x: unknown): x is CustomSpec {
  return (
    !!x &&
    typeof x === 'object' &&
    'runs' in x &&
    Array.isArray((x as CustomSpec).runs) &&
    (x as CustomSpec).runs.every((r) => r && typeof r === 'object' && 'specs' in r)
  );
}
