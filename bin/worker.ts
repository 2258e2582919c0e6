/**
 * npm run worker -- --queue redis://HOST:PORT [--jobs N] [--data-dir DIR]
 *
 * A queue worker on this machine: takes run jobs that
 * `npm run reproduce -- --queue …` enqueued, runs them (one worker process
 * each, as the local pool does) and returns the results. Start one per
 * machine, with --jobs up to its cores. Ctrl-C finishes the running jobs
 * and exits; a second Ctrl-C abandons them (they go back to the queue once
 * their lock expires). See docs/DISTRIBUTED.md.
 */
import { startQueueWorker } from '../lib/experiment/queue/worker';
import { DEFAULT_QUEUE_NAME } from '../lib/experiment/queue/connection';
import { UsageError, checkQueueUrl, existingDir, dataDirOption, parseCommandLine, positive, runCommand } from './usage';

const HELP = `usage: npm run worker -- --queue redis://[:password@]HOST:PORT[/db] [options]
  --queue <url>        the Redis of the coordinator (npm run reproduce -- --queue <url>); the password may
                       come from MMFND_QUEUE_PASSWORD instead, so it stays out of the process list
  --jobs <n>           runs at once on this machine (default 1; at most one per core: the wasm backend is single-threaded)
  --data-dir <dir>     where this machine's real datasets are (default: MMFND_DATA_DIR, else data/raw);
                       feature caches are built or loaded here, checksummed, so every worker computes the same views
  --queue-name <name>  default ${DEFAULT_QUEUE_NAME}
  --name <name>        how the coordinator shows this worker (default host:pid)
  --lock-ms <ms>       job lock; a dead worker's job is retried elsewhere this long after it died (default 30000)
  --stalled-ms <ms>    how often to look for jobs of dead workers (default 30000)
  --max-stalled <n>    times a job may be recovered from a dead worker before it fails (default 2)
  -h, --help           this text`;

async function main(): Promise<number | void> {
  const args = parseCommandLine({
    queue: { type: 'string' },
    jobs: { type: 'string' },
    'data-dir': { type: 'string' },
    'queue-name': { type: 'string' },
    name: { type: 'string' },
    'lock-ms': { type: 'string' },
    'stalled-ms': { type: 'string' },
    'max-stalled': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!args.queue) throw new UsageError('--queue redis://HOST:PORT is required');
  checkQueueUrl(args.queue, process.env.MMFND_QUEUE_PASSWORD);
  const worker = await startQueueWorker({
    url: args.queue,
    password: process.env.MMFND_QUEUE_PASSWORD,
    jobs: positive('jobs', args.jobs),
    // resolved once here (--data-dir, else MMFND_DATA_DIR, else data/raw/) and handed to every run
    dataDir: dataDirOption(existingDir('data-dir', args['data-dir'])),
    queueName: args['queue-name'],
    name: args.name,
    lockMs: positive('lock-ms', args['lock-ms']),
    stalledMs: positive('stalled-ms', args['stalled-ms']),
    maxStalled: positive('max-stalled', args['max-stalled']),
    log: (l) => process.stdout.write(l + '\n'),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stdout.write(`[worker] ${signal} again: abandoning the running jobs (they return to the queue when their lock expires)\n`);
      void worker.close(true).finally(() => process.exit(130));
      return;
    }
    stopping = true;
    process.stdout.write(`[worker] ${signal}: finishing the running jobs, then exiting (again to abandon them)\n`);
    void worker.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

runCommand('worker', HELP, main);
