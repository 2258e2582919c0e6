import { describe, expect, it } from 'vitest';
import { checkOptions } from '../../../lib/data/loaders/options';

describe('checkOptions', () => {
  const rules = { split: ['train', 'test'], year: [2016, 2015], dirs: 'string[]', name: 'string' } as const;

  it('accepts the base options, known options, and undefined values', () => {
    expect(() => checkOptions('x', { dataDir: 'd', quiet: true, strict: false, split: 'test', year: 2015, dirs: ['a'], name: 'n', text: undefined } as never, rules)).toThrow(/unknown option 'text'/);
    expect(() => checkOptions('x', { dataDir: 'd', quiet: true, strict: false, split: 'test', year: 2015, dirs: ['a'], name: 'n', split2: undefined } as never, { ...rules, split2: ['a'] })).not.toThrow();
    expect(() => checkOptions('x', undefined, rules)).not.toThrow();
  });

  it('an unknown option names itself and every known option', () => {
    expect(() => checkOptions('loader-x', { yaer: 2015 }, rules)).toThrow(/^loader-x: unknown option 'yaer'; known options: dataDir, quiet, strict, split, year, dirs, name$/);
  });

  it('a value outside a list, or of the wrong type, names the accepted ones', () => {
    expect(() => checkOptions('x', { year: '2015' }, rules)).toThrow(/option 'year' is "2015"; expected one of 2016, 2015/);
    expect(() => checkOptions('x', { dirs: 'a' }, rules)).toThrow(/option 'dirs' is "a"; expected an array of strings/);
    expect(() => checkOptions('x', { quiet: 'yes' }, rules)).toThrow(/option 'quiet' is "yes"; expected a boolean/);
    expect(() => checkOptions('x', { dataDir: 3 }, rules)).toThrow(/option 'dataDir' is 3; expected a string/);
  });
});
