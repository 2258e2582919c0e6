/** bin/usage.ts: the parsing reproduce and worker share. */
import { describe, expect, it } from 'vitest';
import { UsageError, dataDirOption, parseCommandLine, positive } from '../../bin/usage';

describe('bin/usage', () => {
  const options = { jobs: { type: 'string' }, plan: { type: 'boolean' }, only: { type: 'string', multiple: true } } as const;
  it('parses strict options; an unknown option or a missing value is a UsageError', () => {
    expect(parseCommandLine(options, ['--jobs', '2', '--plan', '--only', 'a', '--only', 'b'])).toEqual({ jobs: '2', plan: true, only: ['a', 'b'] });
    expect(() => parseCommandLine(options, ['--fast'])).toThrow(UsageError);
    expect(() => parseCommandLine(options, ['--jobs'])).toThrow(UsageError);
  });
  it('positive integers only', () => {
    expect(positive('jobs', undefined)).toBeUndefined();
    expect(positive('jobs', '3')).toBe(3);
    expect(() => positive('jobs', '0')).toThrow(/--jobs must be a positive integer, got '0'/);
  });
  it('--data-dir wins over the environment and comes back absolute', () => {
    expect(dataDirOption('rel/dir')).toMatch(/^\/.*rel\/dir$/);
  });
});
