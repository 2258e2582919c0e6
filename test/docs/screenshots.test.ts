/**
 * The report screenshot (docs/report.png) shows the current report: the
 * counts recorded when it was taken (docs/screenshots.json, written by
 * scripts/screenshots.ts) equal the counts of the committed figures/. When
 * figures/ is regenerated, this fails until the screenshots are retaken.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportCounts } from '../../lib/report/html/counts';

describe('README screenshots', () => {
  it('docs/report.png was taken of the current report (same papers, runs and claim counts)', () => {
    const shot = JSON.parse(fs.readFileSync('docs/screenshots.json', 'utf8'));
    expect(shot.report, 'docs/report.png is stale: run npx tsx scripts/screenshots.ts').toEqual(reportCounts('figures'));
    expect(fs.existsSync('docs/report.png')).toBe(true);
  });
});
