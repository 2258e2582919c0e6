import { describe, expect, it } from 'vitest';
import { artefactOf } from '../../../lib/report/html/files';

describe('artefactOf', () => {
  const ids = ['fig1', 'fig2', 'fig4-6', 'fig9-11', 'fig12', 'table1', 'table2'];
  it('matches the id or the id and a suffix, the longest id first', () => {
    expect(artefactOf('fig1', ids)).toBe('fig1');
    expect(artefactOf('table1-acc', ids)).toBe('table1');
    expect(artefactOf('fig4-6-synthetic', ids)).toBe('fig4-6');
    expect(artefactOf('fig12', ids)).toBe('fig12'); // not fig1 + "2"
  });
  it('places a number inside a numbered range id', () => {
    expect(artefactOf('fig10', ids)).toBe('fig9-11');
    expect(artefactOf('fig5', ids)).toBe('fig4-6');
    expect(artefactOf('fig9', ids)).toBe('fig9-11');
  });
  it('leaves a file that matches nothing unassigned', () => {
    expect(artefactOf('fig3', ids)).toBeUndefined();
    expect(artefactOf('appendix', ids)).toBeUndefined();
    expect(artefactOf('table10', ids)).toBeUndefined();
  });
});
