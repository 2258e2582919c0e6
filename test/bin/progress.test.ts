import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runProgress } from '../../bin/progress';

describe('reproduce progress', () => {
  it('not a terminal: no bar (reproduce prints one line per run instead)', () => {
    const s = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    expect(runProgress(s)).toBeUndefined();
  });
  it('a terminal: a bar with runs done, elapsed and ETA; a failure is printed above it', () => {
    let out = '';
    const s = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 160,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    }) as unknown as NodeJS.WriteStream;
    s.on('data', (d) => (out += d));
    (s as unknown as { write: (x: string) => boolean }).write = (x: string) => ((out += x), true);
    const p = runProgress(s)!;
    p.start(4);
    p.tick(1, '[reproduce] 1/4 CAFE on weibo, seed 1: acc 0.800 (3 s)');
    p.tick(2, '[reproduce] 2/4 FAILED run abc (CAFE on weibo, seed 2): boom');
    p.stop();
    expect(out).toMatch(/runs .* 2\/4 \| .* elapsed \| eta /);
    expect(out).toContain('FAILED run abc');
  });
});
