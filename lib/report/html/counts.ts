/** What the top of the report shows per paper (runs, claim counts): recorded beside its screenshot, compared by a test. */
import { claimCounts } from './claims';
import { readPapers } from './read';

export interface PaperCounts {
  paper: string;
  runs: number;
  holds: number;
  fails: number;
  unchecked: number;
}

export function reportCounts(figuresDir: string): PaperCounts[] {
  return readPapers(figuresDir).map((p) => {
    const c = claimCounts(p);
    return { paper: p.id, runs: p.runs, holds: c.holds, fails: c.fails, unchecked: c.unchecked };
  });
}
