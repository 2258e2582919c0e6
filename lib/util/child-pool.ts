/**
 * A long-lived set of the same worker processes runPool forks
 * (lib/util/pool-worker.ts, same protocol, same runTaskFn), fed one task at
 * a time as tasks arrive instead of from a list known up front. The queue
 * worker (lib/experiment/queue/worker.ts) uses it: jobs come from Redis one
 * by one, and forking a fresh process per job would cost seconds of tsx +
 * tfjs start-up each time.
 *
 *   const pool = new ChildPool(2);
 *   const r = await pool.run({ module: '/abs/run-one.ts', fn: 'runOne', args: spec });
 *   await pool.close();
 *
 * - at most `size` children, started on demand; tasks beyond that wait in order;
 * - a task that throws rejects with PoolTaskError (the child's stack): the
 *   task's own failure, deterministic for a seeded run;
 * - a child that dies mid-task (OOM killer, segfault) rejects with
 *   ChildDiedError: not the task's fault, worth retrying; a fresh child
 *   takes the next task;
 * - computing in children keeps this process's event loop free, which the
 *   queue worker needs to renew its job locks on time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { PoolTaskError, workerFiles, type ParentMessage, type WorkerMessage } from './pool';

export interface ChildTask {
  module: string;
  fn: string;
  args?: unknown;
}

export class ChildDiedError extends Error {
  constructor(readonly why: string) {
    super(`worker process died (${why}) while running the task`);
    this.name = 'ChildDiedError';
  }
}

interface Pending {
  task: ChildTask;
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
}

interface Child {
  proc: ChildProcess;
  running: Pending | null;
}

export class ChildPool {
  private readonly children = new Set<Child>();
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly opts: { env?: Record<string, string> } = {},
  ) {
    if (!(Number.isInteger(size) && size > 0)) throw new Error(`ChildPool: size must be a positive integer, got ${size}`);
  }

  /** the children's process ids (tests use them) */
  pids(): number[] {
    return [...this.children].map((c) => c.proc.pid!).filter(Boolean);
  }

  run(task: ChildTask): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('ChildPool: closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Lets running tasks finish (the caller awaits them), then ends every child. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('ChildPool: closed before the task started'));
    const exits = [...this.children].map(exited);
    for (const c of this.children) if (!c.running) this.retire(c);
    await Promise.all(exits);
  }

  /** Ends every child now (SIGKILL); their tasks reject with ChildDiedError. */
  async kill(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('ChildPool: killed before the task started'));
    const exits = [...this.children].map(exited);
    for (const c of this.children) c.proc.kill('SIGKILL');
    await Promise.all(exits);
  }

  private dispatch(): void {
    while (this.waiting.length) {
      let child = [...this.children].find((c) => !c.running);
      if (!child && this.children.size < this.size) child = this.spawn();
      if (!child) return;
      this.start(child, this.waiting.shift()!);
    }
  }

  private start(child: Child, p: Pending): void {
    child.running = p;
    const msg: ParentMessage = { type: 'run', id: this.nextId++, module: p.task.module, fn: p.task.fn, args: p.task.args };
    child.proc.send(msg, (err) => {
      if (err && child.running === p) {
        child.running = null;
        p.reject(new ChildDiedError(`cannot send the task: ${err.message}`));
      }
    });
  }

  private retire(c: Child): void {
    if (c.proc.connected) c.proc.send({ type: 'exit' } satisfies ParentMessage);
  }

  private spawn(): Child {
    const [worker, tsx] = workerFiles();
    const proc = fork(worker, [], {
      execArgv: ['--import', tsx],
      serialization: 'advanced', // structured clone, as in runPool
      env: { ...process.env, MMFND_QUIET: '1', ...this.opts.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child: Child = { proc, running: null };
    this.children.add(child);
    proc.on('message', (msg: WorkerMessage) => {
      const p = child.running;
      child.running = null;
      if (p) {
        if (msg.type === 'done') p.resolve(msg.result);
        else p.reject(new PoolTaskError(`${p.task.fn}`, msg.error.stack || msg.error.message));
      }
      if (this.closed) this.retire(child);
      else this.dispatch();
    });
    proc.on('exit', (code, signal) => {
      this.children.delete(child);
      const p = child.running;
      child.running = null;
      if (p) p.reject(new ChildDiedError(signal ? `signal ${signal}` : `exit code ${code}`));
      if (!this.closed) this.dispatch();
    });
    proc.on('error', () => {
      /* reported by 'exit' (a failed fork exits too) */
    });
    return child;
  }
}

function exited(c: Child): Promise<void> {
  return new Promise((res) => (c.proc.exitCode !== null || c.proc.signalCode !== null ? res() : c.proc.once('exit', () => res())));
}
