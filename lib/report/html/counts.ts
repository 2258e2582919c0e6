/** What the top of the report shows per paper (runs, claim counts): recorded beside its screenshot, compared by a test. */
import { claimCounts } from './claims';
import type { ClaimCounts as VerdictCounts } from '../../eval/claim';
import { readPapers } from './read';

export interface PaperCounts {
  paper: string;
  runs: number;
  /** the paper's claims and the workbench's own, per verdict */
  claims: { paper: VerdictCounts; workbench: VerdictCounts };
}

export function reportCounts(figuresDir: string): PaperCounts[] {
  return readPapers(figuresDir).map((p) => {
    const c = claimCounts(p);
    return { paper: p.id, runs: p.runs, claims: { paper: c.paper, workbench: c.workbench } };
  });
}
