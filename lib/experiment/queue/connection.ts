/**
 * The queue URL (`redis://[user:password@]host:port[/db]`, `rediss://` for
 * TLS) → BullMQ connection options, and the redaction every log line of the
 * coordinator and the workers goes through: the password never reaches a
 * terminal, a log file or an error report.
 */
import type { ConnectionOptions } from 'bullmq';

/** the queue every run spec goes to unless --queue-name says otherwise */
export const DEFAULT_QUEUE_NAME = 'mmfnd-runs';

export interface QueueUrl {
  connection: ConnectionOptions;
  /** the URL with its password replaced by '***': safe to print */
  display: string;
  /** what a log line must never contain (the password, raw and URL-encoded) */
  secrets: string[];
}

/**
 * `envPassword`: used when the URL has none (bin/ passes MMFND_QUEUE_PASSWORD), so the password can stay out of
 * the process list and the shell history.
 */
export function parseQueueUrl(url: string, envPassword?: string): QueueUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // the unparsable input may still hold a password: say what is wrong without echoing it
    throw new Error(`--queue: not a URL; expected redis://[:password@]host:port[/db]`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--queue: the URL must start with redis:// or rediss://, got ${u.protocol}//`);
  if (!u.hostname) throw new Error('--queue: the URL names no host');
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!(Number.isInteger(db) && db >= 0)) throw new Error(`--queue: the database number must be a non-negative integer, got '${u.pathname.slice(1)}'`);
  const port = u.port ? Number(u.port) : 6379;
  const password = decodeURIComponent(u.password) || envPassword || '';
  const username = decodeURIComponent(u.username);
  const secrets = [...new Set([password, u.password].filter((s) => s.length > 0))];
  const shown = new URL(u.href);
  if (shown.password) shown.password = '***';
  return {
    connection: {
      host: u.hostname.replace(/^\[|\]$/g, ''), // [::1] → ::1
      port,
      db,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
      // a worker or coordinator outlives a Redis restart: commands wait for the reconnection instead of failing
      maxRetriesPerRequest: null,
    },
    display: shown.href.replace(/\/$/, ''),
    secrets,
  };
}

/** A log function that blanks every secret out of each line before it is written. */
export function redacting(secrets: string[], write: (line: string) => void): (line: string) => void {
  return (line) => write(redact(line, secrets));
}

export function redact(line: string, secrets: string[]): string {
  let out = line;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** The same message at most once per `ms` (a Redis outage makes ioredis report every reconnection attempt). */
export function throttled(log: (line: string) => void, ms = 30_000): (line: string) => void {
  const last = new Map<string, number>();
  return (line) => {
    const now = Date.now();
    if (now - (last.get(line) ?? -Infinity) < ms) return;
    last.set(line, now);
    log(line);
  };
}

/** The queue cannot be used at start-up (unreachable, wrong password): one line, no retries. */
export class QueueConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueConnectError';
  }
}

/**
 * One connection attempt and a PING, no retries, at most `timeoutMs`: a coordinator or worker that
 * starts against a wrong address or password fails in seconds with one line, instead of retrying
 * forever. Only at start-up: once running, the connections retry (a Redis restart mid-run is survived).
 */
export async function checkQueueReachable(q: QueueUrl, timeoutMs = 5000): Promise<void> {
  const { Redis } = await import('ioredis');
  const { maxRetriesPerRequest: _m, ...conn } = q.connection as Record<string, unknown>;
  const client = new Redis({
    ...conn,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
  });
  let last: Error | undefined;
  client.on('error', (e: Error) => (last = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)));
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (e) {
    const why = last?.message ?? (e as Error).message;
    const hint = /WRONGPASS|NOAUTH|invalid password|AUTH/i.test(why)
      ? 'the password is wrong or missing (redis://:PASSWORD@host:port, or MMFND_QUEUE_PASSWORD)'
      : 'is redis-server running there, and the host and port right?';
    throw new QueueConnectError(`cannot use the queue at ${q.display}: ${redact(why.replace(/\.$/, ''), q.secrets)}; ${hint}`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
