/**
 * A throwaway Redis on loopback for the queue's test and benchmark (and for
 * trying the queue on one machine): `redis-server` from the system (Debian:
 * apt-get install redis-server) on a free port, its files in a given
 * folder, append-only persistence on, bound to 127.0.0.1 only.
 *
 * Bounded: the server runs under `timeout` (at most `maxSeconds`), so a
 * crashed test run cannot leave it behind for long.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface LocalRedis {
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  port: number;
  /** every line the server printed, across restarts */
  lines: string[];
  /** SIGTERM (Redis flushes its append-only file and exits), then wait for the exit */
  stop(): Promise<void>;
  /** stop, then start again on the same port and folder: the data comes back from the append-only file */
  restart(): Promise<void>;
}

/** redis-server on PATH (or in /usr/sbin, /usr/bin), else undefined */
export function redisServerPath(): string | undefined {
  return onPath('redis-server');
}

function onPath(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) {
    const f = path.join(d, name);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return f;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startLocalRedis(o: { dir: string; password?: string; maxSeconds?: number }): Promise<LocalRedis> {
  const server = redisServerPath();
  if (!server) throw new Error('redis-server is not installed (Debian: apt-get install -y redis-server)');
  fs.mkdirSync(o.dir, { recursive: true });
  const port = await freePort();
  const lines: string[] = [];
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    '--dir',
    o.dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--save',
    '',
    '--daemonize',
    'no',
    '--maxmemory-policy',
    'noeviction',
    ...(o.password ? ['--requirepass', o.password] : []),
  ];
  let proc: ChildProcess;
  const launch = async () => {
    // its own process group, so the fallback SIGKILL reaches redis-server, not only `timeout`
    const timeout = onPath('timeout'); // coreutils; without it (macOS) the server's lifetime is not bounded
    const [cmd, argv] = timeout ? [timeout, [String(o.maxSeconds ?? 900), server, ...args]] : [server, args];
    proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let buf = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start within 15 s:\n${lines.slice(-10).join('\n')}`)), 15_000);
      const onData = (d: Buffer) => {
        buf += d.toString();
        const parts = buf.split('\n');
        buf = parts.pop()!;
        for (const l of parts) {
          lines.push(l);
          if (/Ready to accept connections/.test(l)) {
            clearTimeout(timer);
            resolve();
          }
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${lines.slice(-10).join('\n')}`));
      });
    });
    await ready;
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((res) => proc.once('exit', () => res()));
    proc.kill('SIGTERM'); // timeout passes it on to redis-server
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  const auth = o.password ? `:${encodeURIComponent(o.password)}@` : '';
  return { url: `redis://${auth}127.0.0.1:${port}`, port, lines, stop, restart: async () => (await stop(), await launch()) };
}
