import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { tableOf } from '../../lib/figures/display';

describe('notebook tables', () => {
  it('rows, one row, or an Arquero table become one table, rendered as HTML (not a console.table box)', () => {
    const rows = [{ method: 'CMC', acc: '0.812' }, { method: 'Finetune', acc: '0.790' }];
    expect(tableOf(rows).numRows()).toBe(2);
    expect(tableOf({ pool: 3, test: 4 }).columnNames()).toEqual(['pool', 'test']);
    const t = aq.from(rows);
    expect(tableOf(t)).toBe(t);
    const html = tableOf(rows).toHTML();
    expect(html).toMatch(/^<table>.*<th[^>]*>method<\/th>.*<td[^>]*>CMC<\/td>/s);
  });
});
