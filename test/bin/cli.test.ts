/**
 * The command-line manners of bin/: a user's mistake gets one line and the
 * usage (exit 2), never a stack trace; a missing data directory is named.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (script: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bin', script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const noStack = (s: string) => !/\n\s+at .+:\d+:\d+/.test(s);

describe('bin/reproduce', () => {
  it('--only with an unknown artefact: one line naming it and the known ones, the usage, exit 2', () => {
    const r = run('reproduce.ts', ['--only', 'nope/fig1']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/^reproduce: --only: unknown 'nope\/fig1' \(known: .*bmlhf\/fig1/);
    expect(r.err).toMatch(/usage: npm run reproduce/);
    expect(noStack(r.err)).toBe(true);
  });
  it('an unknown option and a bad --jobs are usage errors too', () => {
    expect(run('reproduce.ts', ['--fast']).code).toBe(2);
    const j = run('reproduce.ts', ['--jobs', 'two']);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(/--jobs must be a positive integer, got 'two'/);
  });
  it('--plan prints runs, epochs and a measured time estimate without running anything, on an empty cache', () => {
    const r = run('reproduce.ts', ['--plan', '--only', 'bmlhf/fig2', '--cache', path.join(os.tmpdir(), 'mmfnd-empty-cache')]);
    expect(r.code).toBe(0);
    // from data/epoch-timings.json: a fresh clone gets a measured estimate, in seconds or minutes at this size (never "0.0 h")
    expect(r.out).toMatch(/\[plan\] profile quick: 10 runs, 0 cached, 200 epochs to train; estimated \d+ (s|min) on \d+ workers? \(from measured s\/epoch/);
    expect(r.out).not.toMatch(/never measured|[┌│]/);
  });
  it('--plan with no data lists what a real run does (real-dataset runs skipped), and no empty table for an artefact without runs', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-no-data-'));
    const r = run('reproduce.ts', ['--plan', '--only', 'cmc/table2', '--data-dir', empty, '--cache', path.join(os.tmpdir(), 'mmfnd-empty-cache')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dataset +model +runs/);
    expect(r.out).not.toMatch(/^(weibo|twitter)/m);
    expect(r.out).toMatch(
      /profile quick: 45 runs, 0 cached, 900 epochs to train; .*; \d+ runs skipped, data not available \(twitter-clip-vitb32, twitter-mediaeval2016, weibo\)/,
    );
    const t1 = run('reproduce.ts', ['--plan', '--only', 'cmc/table1', '--data-dir', empty]);
    expect(t1.code).toBe(0);
    expect(t1.out).toBe('[plan] profile quick: 0 runs, 0 cached, 0 epochs to train; nothing to train\n');
  });
  it.skipIf(!process.env.MMFND_DATA_DIR)('--plan with the data: the real-dataset runs are listed and estimated, none skipped', () => {
    const r = run('reproduce.ts', [
      '--plan',
      '--only',
      'cmc/table2',
      '--data-dir',
      process.env.MMFND_DATA_DIR!,
      '--cache',
      path.join(os.tmpdir(), 'mmfnd-empty-cache'),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^weibo +text-only +1 +0 +5 +/m);
    expect(r.out).toMatch(/profile quick: 72 runs, 0 cached, 1080 epochs to train; estimated (≥ )?\d+ (s|min)/);
    expect(r.out).not.toMatch(/skipped, data not available/);
  });
  it('an artefact with no runs whose datasets are absent is built with "data not available" rows: exit 0', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-no-data-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-out-'));
    const r = run('reproduce.ts', ['--only', 'cmc/table1', '--data-dir', empty, '--out', out, '--cache', path.join(out, 'runs')]);
    expect(r.err).not.toMatch(/not built/);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1\/1 artefacts written; see .*index\.md and .*index\.html/);
    expect(fs.readFileSync(path.join(out, 'cmc', 'table1.md'), 'utf8')).toMatch(/data not available/);
  });
  it('--data-dir that does not exist: one line naming the flag (not MMFND_DATA_DIR), exit 2', () => {
    for (const script of ['reproduce.ts', 'worker.ts']) {
      const r = run(script, ['--data-dir', '/nonexistent-mmfnd', ...(script === 'worker.ts' ? ['--queue', 'redis://127.0.0.1:1'] : [])]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(/: --data-dir \/nonexistent-mmfnd: no such directory$/);
      expect(r.err).not.toMatch(/MMFND_DATA_DIR\)/);
    }
  });
});

describe('bin/reproduce --queue and bin/worker', () => {
  it('the queue options without --queue, and a bad queue URL, are usage errors; the URL is not echoed (it may hold a password)', () => {
    const a = run('reproduce.ts', ['--attempts', '2']);
    expect(a.code).toBe(2);
    expect(a.err.split('\n')[0]).toBe('reproduce: --attempts needs --queue');
    const u = run('reproduce.ts', ['--queue', 'redis://:hunter2@h:99999', '--only', 'bmlhf/fig2']);
    expect(u.code).toBe(2);
    expect(u.err.split('\n')[0]).toMatch(/^reproduce: --queue: not a URL/);
    expect(u.err + u.out).not.toContain('hunter2');
  });
  it('worker: --queue is required, --jobs must be positive, a bad URL is named without the password', () => {
    const q = run('worker.ts', []);
    expect(q.code).toBe(2);
    expect(q.err).toMatch(/^worker: --queue redis:\/\/HOST:PORT is required\n\nusage: npm run worker/);
    const j = run('worker.ts', ['--queue', 'redis://127.0.0.1:1', '--jobs', '0']);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(/--jobs must be a positive integer, got '0'/);
    const u = run('worker.ts', ['--queue', 'http://:hunter2@h:1']);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/must start with redis:\/\/ or rediss:\/\//);
    expect(u.err + u.out).not.toContain('hunter2');
    expect(noStack(q.err + j.err + u.err)).toBe(true);
  });
});

describe('bin/data-check', () => {
  it('a data directory that does not exist is named once, exit 1', () => {
    const r = run('data-check.ts', ['--data-dir', '/nonexistent-mmfnd']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the data directory \/nonexistent-mmfnd does not exist \(from --data-dir\)/);
    expect(r.out).not.toMatch(/missing/);
  });
});

describe('bin/features', () => {
  it('an unknown dataset is rejected by name before the compute backend starts', () => {
    const r = run('features.ts', ['--dataset', 'nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^features: --dataset: unknown dataset 'nope' \(known: twitter-mediaeval2016, weibo/);
    expect(`${r.out}${r.err}`).not.toMatch(/backend/i);
    expect(noStack(r.err)).toBe(true);
  });
  it('an unknown option is an error too', () => {
    const r = run('features.ts', ['--dataset', 'weibo', '--nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Unknown option '--nope'/);
  });
});
