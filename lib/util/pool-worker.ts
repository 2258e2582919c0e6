/**
 * Child side of lib/util/pool.ts. Started by child_process.fork with
 * `--import tsx`, so task modules may be TypeScript. Runs one task at a time:
 *
 *   parent -> { type: 'run', id, module, fn, args }
 *   child  -> { type: 'done', id, result } | { type: 'error', id, error }
 *
 * and exits when the parent disconnects (or sends { type: 'exit' }).
 * A worker is reused for many tasks, so task functions must dispose their
 * tensors (tfjs state is per process and survives between tasks).
 */
import { runTaskFn, type PoolError, type WorkerMessage, type ParentMessage } from './pool';

function toPoolError(e: unknown): PoolError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? String(e) };
  return { name: 'Error', message: String(e), stack: String(e) };
}

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(msg, undefined, {}, (err) => (err ? reject(err) : resolve())));
}

if (!process.send) {
  throw new Error('lib/util/pool-worker.ts is a child process entry point; use runPool() from lib/util/pool');
}

// Tasks are queued so that a second message never interleaves with a running task.
let chain: Promise<void> = Promise.resolve();

process.on('message', (msg: ParentMessage) => {
  if (msg.type === 'exit') {
    chain.then(() => process.disconnect());
    return;
  }
  chain = chain.then(async () => {
    try {
      const result = await runTaskFn(msg.module, msg.fn, msg.args);
      await send({ type: 'done', id: msg.id, result });
    } catch (e) {
      await send({ type: 'error', id: msg.id, error: toPoolError(e) });
    }
  });
});

// Parent gone (normal end, or it crashed): nothing left to do.
process.on('disconnect', () => process.exit(0));
