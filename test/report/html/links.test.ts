import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaper } from '../../../lib/report/html/read';

// The report links each paper to its notebook (notebooks/NN-<paper>[-…].ipynb) or says "no notebook yet".
// A notebook named otherwise is invisible to it: HMS's 05-missing-modality.ipynb was reported missing.

const FIGURES = path.resolve('figures');
const papers = fs
  .readdirSync(FIGURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe("the committed report finds every paper's notebook", () => {
  it.each(papers)('%s', (paper) => {
    const p = readPaper(FIGURES, paper);
    expect(p.notebook, `no notebooks/NN-${paper}[-…].ipynb`).toBeDefined();
    expect(fs.existsSync(path.join(FIGURES, p.notebook!))).toBe(true);
  });
});
