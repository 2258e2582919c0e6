import { describe, expect, it } from 'vitest';
import { parseQueueUrl, redact, redacting, throttled } from '../../../lib/experiment/queue/connection';

describe('parseQueueUrl', () => {
  it('host, port, db, user and password become connection options; the display hides the password', () => {
    const q = parseQueueUrl('redis://runner:s3cr%40t@10.0.0.5:6380/2');
    expect(q.connection).toEqual({ host: '10.0.0.5', port: 6380, db: 2, username: 'runner', password: 's3cr@t', maxRetriesPerRequest: null });
    expect(q.display).toBe('redis://runner:***@10.0.0.5:6380/2');
    expect(q.secrets.sort()).toEqual(['s3cr%40t', 's3cr@t']); // raw and URL-encoded
  });

  it('defaults: port 6379, db 0, no password; rediss:// turns TLS on; [::1] loses its brackets', () => {
    expect(parseQueueUrl('redis://127.0.0.1').connection).toEqual({ host: '127.0.0.1', port: 6379, db: 0, maxRetriesPerRequest: null });
    expect(parseQueueUrl('redis://127.0.0.1').secrets).toEqual([]);
    expect(parseQueueUrl('rediss://h:1').connection).toMatchObject({ tls: {} });
    expect(parseQueueUrl('redis://[::1]:7000').connection).toMatchObject({ host: '::1', port: 7000 });
  });

  it('the password may come from the environment when the URL has none (the URL wins otherwise)', () => {
    expect(parseQueueUrl('redis://h:1', 'envpw').connection).toMatchObject({ password: 'envpw' });
    expect(parseQueueUrl('redis://h:1', 'envpw').secrets).toEqual(['envpw']);
    expect(parseQueueUrl('redis://:urlpw@h:1', 'envpw').connection).toMatchObject({ password: 'urlpw' });
  });

  it('a bad URL is named without echoing it (it may hold a password)', () => {
    expect(() => parseQueueUrl('redis://:hunter2@h:99999')).toThrow(/^--queue: not a URL; expected redis:\/\//);
    try {
      parseQueueUrl('redis://:hunter2@h:99999');
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
    expect(() => parseQueueUrl('http://h:1')).toThrow(/must start with redis:\/\/ or rediss:\/\/, got http:\/\//);
    expect(() => parseQueueUrl('redis://h:1/x')).toThrow(/database number must be a non-negative integer, got 'x'/);
  });
});

describe('redaction', () => {
  it('every occurrence of every secret becomes ***', () => {
    expect(redact('a pw b pw c p%40w', ['pw', 'p%40w'])).toBe('a *** b *** c ***');
    const out: string[] = [];
    redacting(['pw'], (l) => out.push(l))('connect redis://:pw@h failed');
    expect(out).toEqual(['connect redis://:***@h failed']);
  });

  it('throttled: the same line at most once per interval, other lines pass', () => {
    const out: string[] = [];
    const log = throttled((l) => out.push(l), 60_000);
    log('ECONNREFUSED');
    log('ECONNREFUSED');
    log('other');
    expect(out).toEqual(['ECONNREFUSED', 'other']);
  });
});
