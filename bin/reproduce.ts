/**
 * npm run reproduce [-- --quick] [--only bmlhf[/fig1]] [--jobs N] [--data-dir DIR] [--refresh] [--out figures]
 *
 * Regenerates every registered figure and table. Runs are cached by the hash
 * of their spec under .cache/runs/, so a second invocation only re-renders.
 */
import { parseArgs } from 'node:util';
import { reproduce } from '../lib/experiment/reproduce';
import { plan } from '../lib/experiment/plan';

const HELP = `usage: npm run reproduce -- [options]
  --quick            the quick profile (few seeds and epochs; minutes on 2 cores)
  --full             the full profile (the papers' epochs and 5 seeds; default)
  --only <sel>       paper or paper/artefact, e.g. bmlhf or bmlhf/fig1 (repeatable, or comma-separated)
  --jobs <n>         parallel worker processes (default: one per core, or MMFND_JOBS)
  --data-dir <dir>   where the real datasets are (default: MMFND_DATA_DIR, else data/raw)
  --out <dir>        output folder (default: figures)
  --cache <dir>      run cache folder (default: .cache/runs)
  --refresh          recompute runs even when cached
  --plan             print what would run (runs per dataset × model, cached, epochs to train) and exit
  -h, --help         this text`;

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
    process.stderr.write(`${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.quick && args.full) {
    process.stderr.write('--quick and --full are exclusive\n');
    return 2;
  }
  const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) {
    process.stderr.write(`--jobs must be a positive integer, got '${args.jobs}'\n`);
    return 2;
  }
  if (args['data-dir']) process.env.MMFND_DATA_DIR = args['data-dir'];
  if (args.plan) {
    const rows = plan({ profile: args.quick ? 'quick' : 'full', only: args.only?.flatMap((s) => s.split(',')).filter(Boolean), cacheDir: args.cache });
    console.table(rows);
    const sum = (k: 'runs' | 'cached' | 'epochsToTrain') => rows.reduce((n, r) => n + r[k], 0);
    process.stdout.write(`${sum('runs')} runs, ${sum('cached')} cached, ${sum('epochsToTrain')} epochs to train (s/epoch per model and dataset: npm run bench)\n`);
    return 0;
  }
  const t0 = Date.now();
  const report = await reproduce({
    profile: args.quick ? 'quick' : 'full',
    only: args.only?.flatMap((s) => s.split(',')).filter(Boolean),
    jobs,
    outDir: args.out,
    cacheDir: args.cache,
    refresh: args.refresh,
  });
  const broken = report.artefacts.filter((a) => a.error);
  process.stderr.write(
    `[reproduce] done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${report.runs} runs (${report.cached} cached, ${report.computed} computed, ${report.failed.length} failed); ` +
      `${report.artefacts.length - broken.length}/${report.artefacts.length} artefacts written; see ${args.out ?? 'figures'}/index.md\n`,
  );
  return report.failed.length || broken.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[reproduce] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
