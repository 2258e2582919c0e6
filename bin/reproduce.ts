/**
 * npm run reproduce [-- --full] [--only bmlhf[/fig1]] [--jobs N] [--data-dir DIR] [--refresh] [--out figures] [--queue redis://HOST:PORT]
 *
 * Regenerates every registered figure and table. The quick profile is the
 * default (synthetic data needs no data directory; see README for timings);
 * `--full` is the papers' settings and prints its plan (runs, epochs,
 * estimated hours) before starting. Runs are cached by the hash of their
 * spec under .cache/runs/, so a second invocation only re-renders.
 *
 * This file is where the paper registry meets the experiment engine: it
 * picks the artefacts and hands them to reproduce()/plan().
 */
import { reproduce } from '../lib/experiment/reproduce';
import { printPlan } from './plan-output';
import { runProgress } from './progress';
import { defaultTimingsFile } from '../lib/experiment/epoch-timings';
import { defaultJobs } from '../lib/util/pool';
import { selectArtefacts } from '../lib/papers/index';
import { QueueConnectError, checkQueueReachable } from '../lib/experiment/queue/connection';
import { UsageError, checkQueueUrl, dataDirOption, existingDir, parseCommandLine, positive, runCommand } from './usage';

const HELP = `usage: npm run reproduce -- [options]
  (no options)       the quick profile on every registered paper: ≈ 18 min on 2 cores with no data (README,
                     "How long"); real datasets
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
  --queue <url>      run the missing runs on a job queue, redis://[:password@]HOST:PORT[/db], with
                     workers on any machines (npm run worker); the password may come from
                     MMFND_QUEUE_PASSWORD instead. Without it, the local worker pool runs them
  --queue-name <n>   the queue's name (default mmfnd-runs)
  --attempts <n>     tries per run when a worker dies mid-run (default 3; a run that throws is not retried)
  --backoff-ms <ms>  wait before the first retry, doubled after each (default 10000)
  --spec <file>      run your own spec file (one run, a list, or { name, runs }; docs/SPECS.md) instead of
                     the papers: table + results.json under figures/custom/<name>/ (or --out <dir>/<name>/)
  --plan             print what a run would do here (runs per dataset × model, cached, epochs, estimated
                     time from measured seconds per epoch, data/epoch-timings.json; absent datasets
                     skipped as a run skips them) and exit
  -h, --help         this text`;

async function main(): Promise<number> {
  const args = parseCommandLine({
    quick: { type: 'boolean' },
    full: { type: 'boolean' },
    only: { type: 'string', multiple: true },
    jobs: { type: 'string' },
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    cache: { type: 'string' },
    refresh: { type: 'boolean' },
    plan: { type: 'boolean' },
    spec: { type: 'string' },
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    attempts: { type: 'string' },
    'backoff-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.quick && args.full) throw new UsageError('--quick and --full are exclusive');
  const jobs = positive('jobs', args.jobs);
  for (const k of ['queue-name', 'attempts', 'backoff-ms'] as const) if (args[k] !== undefined && !args.queue) throw new UsageError(`--${k} needs --queue`);
  let profile: 'full' | 'quick' = args.full ? 'full' : 'quick';
  let artefacts;
  if (args.spec && args.only) throw new UsageError('--spec and --only are exclusive');
  // --spec: the user's runs as one artefact (lib/experiment/custom.ts), written under figures/custom/ by default
  const custom = args.spec ? await import('../lib/experiment/custom') : undefined;
  let spec;
  try {
    spec = custom?.readCustomSpec(args.spec!);
    artefacts = custom ? [custom.customArtefact(spec!)] : selectArtefacts(args.only?.flatMap((s) => s.split(',')).filter(Boolean));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (spec && (args.full || args.quick))
    throw new UsageError(`--spec: the spec file's "profile" field (now ${spec.profile}) picks the profile, not --${args.full ? 'full' : 'quick'}`);
  if (custom) args.out ??= custom.CUSTOM_OUT;
  if (spec) profile = spec.profile;
  // the data directory, resolved once here (--data-dir, else MMFND_DATA_DIR, else data/raw/) and passed down as an argument
  const dataDir = dataDirOption(existingDir('data-dir', args['data-dir']));

  if (args.plan || profile === 'full') {
    const { initBackend, numericPath } = await import('../lib/backend/index');
    await initBackend({ quiet: true });
    await printPlan({ artefacts, profile, cacheDir: args.cache, jobs: jobs ?? defaultJobs(), numericPath: await numericPath(), dataDir });
    if (args.plan) return 0;
  }
  const executor = args.queue ? await queueExecutorFrom(args) : undefined;
  const t0 = Date.now();
  const report = await reproduce({
    artefacts,
    profile,
    jobs,
    executor,
    outDir: args.out,
    cacheDir: args.cache,
    refresh: args.refresh,
    progress: runProgress(),
    timingsFile: refreshesTimings(args) ? defaultTimingsFile() : undefined,
    dataDir,
  });
  const broken = report.artefacts.filter((a) => a.error);
  const skipped = report.artefacts.filter((a) => a.skipped);
  const secs = (Date.now() - t0) / 1000;
  process.stderr.write(
    `[reproduce] done in ${secs >= 120 ? `${(secs / 60).toFixed(1)} min` : `${secs.toFixed(0)} s`} (profile ${profile}): ${report.runs} runs (${report.cached} cached, ${report.computed} computed, ` +
      `${report.skipped} skipped for absent data, ${report.failed.length} failed); ${report.artefacts.length - broken.length - skipped.length}/${report.artefacts.length} artefacts written` +
      (skipped.length ? `, ${skipped.length} skipped (data not available)` : '') +
      `; see ${args.out ?? 'figures'}/index.md and ${args.out ?? 'figures'}/index.html (the report)\n`,
  );
  for (const f of report.failed)
    process.stderr.write(`[reproduce] failed run ${f.hash}: ${JSON.stringify(f.spec)}\n  ${f.error.split('\n').slice(0, 3).join('\n  ')}\n`);
  return report.failed.length || broken.length ? 1 : 0;
}

/**
 * The committed seconds-per-epoch table (data/epoch-timings.json) is refreshed by a reproduce of the papers
 * into this checkout's figures/ and run cache, not by runs into a scratch --out / --cache or a --spec of one's own.
 */
const refreshesTimings = (args: { out?: string; cache?: string; spec?: string }) => !args.out && !args.cache && !args.spec;

/** --queue: the coordinator (lib/experiment/queue), loaded only then so a local run never loads bullmq */
async function queueExecutorFrom(args: { queue?: string; 'queue-name'?: string; attempts?: string; 'backoff-ms'?: string }) {
  const { queueExecutor } = await import('../lib/experiment/queue/coordinator');
  const password = process.env.MMFND_QUEUE_PASSWORD;
  const q = checkQueueUrl(args.queue!, password);
  await checkQueueReachable(q); // before any dataset is probed: a typo in the URL or password fails in seconds
  return queueExecutor({
    url: args.queue!,
    password,
    queueName: args['queue-name'],
    attempts: positive('attempts', args.attempts),
    backoffMs: positive('backoff-ms', args['backoff-ms']),
  });
}

runCommand('reproduce', HELP, main);
