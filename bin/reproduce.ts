/**
 * npm run reproduce [-- --full] [--only bmlhf[/fig1]] [--jobs N] [--data-dir DIR] [--refresh] [--out figures]
 *
 * Regenerates every registered figure and table. The quick profile is the
 * default (minutes on 2 cores, synthetic data needs no data directory);
 * `--full` is the papers' settings and prints its plan (runs, epochs,
 * estimated hours) before starting. Runs are cached by the hash of their
 * spec under .cache/runs/, so a second invocation only re-renders.
 *
 * This file is where the paper registry meets the experiment engine: it
 * picks the artefacts and hands them to reproduce()/plan().
 */
import { parseArgs } from 'node:util';
import { reproduce } from '../lib/experiment/reproduce';
import { plan, planSummary } from '../lib/experiment/plan';
import { defaultJobs } from '../lib/util/pool';
import { selectArtefacts } from '../lib/papers/index';

const HELP = `usage: npm run reproduce -- [options]
  (no options)       the quick profile on every registered paper: minutes on 2 cores; real datasets
                     that are not in the data directory are skipped, one line each
  --full             the papers' settings (epochs, 5 seeds, whole datasets): prints its plan and
                     estimated hours first — days of CPU without a GPU
  --quick            the quick profile (the default; accepted for old scripts)
  --only <sel>       paper or paper/artefact, e.g. bmlhf or bmlhf/fig1 (repeatable, or comma-separated)
  --jobs <n>         parallel worker processes (default: one per core, or MMFND_JOBS)
  --data-dir <dir>   where the real datasets are (default: MMFND_DATA_DIR, else data/raw)
  --out <dir>        output folder (default: figures)
  --cache <dir>      run cache folder (default: .cache/runs)
  --refresh          recompute runs even when cached
  --plan             print what would run (runs per dataset × model, cached, epochs, estimated time) and exit
  -h, --help         this text`;

/** A user's mistake: one line and the usage, exit 2 (no stack trace). */
class UsageError extends Error {}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        quick: { type: 'boolean' },
        full: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        jobs: { type: 'string' },
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        cache: { type: 'string' },
        refresh: { type: 'boolean' },
        plan: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.quick && args.full) throw new UsageError('--quick and --full are exclusive');
  const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) throw new UsageError(`--jobs must be a positive integer, got '${args.jobs}'`);
  const profile = args.full ? 'full' : 'quick';
  let artefacts;
  try {
    artefacts = selectArtefacts(args.only?.flatMap((s) => s.split(',')).filter(Boolean));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args['data-dir']) process.env.MMFND_DATA_DIR = args['data-dir'];

  if (args.plan || profile === 'full') {
    const rows = plan({ artefacts, profile, cacheDir: args.cache, estimate: true });
    console.table(rows.map((r) => ({ ...r, estSeconds: r.estSeconds === null ? 'not measured' : Math.round(r.estSeconds) })));
    process.stdout.write(`[plan] profile ${profile}: ${planSummary(rows, jobs ?? defaultJobs())}\n`);
    if (args.plan) return 0;
  }
  const t0 = Date.now();
  const report = await reproduce({ artefacts, profile, jobs, outDir: args.out, cacheDir: args.cache, refresh: args.refresh });
  const broken = report.artefacts.filter((a) => a.error);
  const skipped = report.artefacts.filter((a) => a.skipped);
  const secs = (Date.now() - t0) / 1000;
  process.stderr.write(
    `[reproduce] done in ${secs >= 120 ? `${(secs / 60).toFixed(1)} min` : `${secs.toFixed(0)} s`} (profile ${profile}): ${report.runs} runs (${report.cached} cached, ${report.computed} computed, ` +
      `${report.skipped} skipped for absent data, ${report.failed.length} failed); ${report.artefacts.length - broken.length - skipped.length}/${report.artefacts.length} artefacts written` +
      (skipped.length ? `, ${skipped.length} skipped (data not available)` : '') +
      `; see ${args.out ?? 'figures'}/index.md\n`,
  );
  for (const m of report.missingDatasets) process.stderr.write(`${m.message}\n`);
  for (const f of report.failed) process.stderr.write(`[reproduce] failed run ${f.hash}: ${JSON.stringify(f.spec)}\n  ${f.error.split('\n').slice(0, 3).join('\n  ')}\n`);
  return report.failed.length || broken.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`reproduce: ${e.message}\n\n${HELP}\n`);
      process.exit(2);
    }
    process.stderr.write(`[reproduce] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
