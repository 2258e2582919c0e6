/**
 * Figure: real-test macro-F1 vs N for SemSim, DisSim and random selection,
 * one panel per (target, task), with all-synthetic and real-only as flat
 * reference lines — the paper's "more synthetic data is not always better".
 */
import type { Artefact } from '../../experiment/artefact';
import { lineChart } from '../../figures/line';
import { METHOD_LABEL, PAPER, SWEPT, allRuns } from './common';
import { at, blocks } from './table';

export const figN: Artefact = {
  paper: PAPER,
  id: 'fig-n',
  title: 'Real-test macro-F1 vs number of selected synthetic pairs N',
  runs: allRuns,
  build(ctx) {
    const bs = blocks(ctx);
    const rows: { x: number; y: number; std?: number; series: string; facet: string }[] = [];
    const unavailable: string[] = [];
    for (const b of bs) {
      const facet = `${b.target.label} · ${b.task}`;
      if (b.reason) {
        unavailable.push(`${facet}: data not available (${b.reason})`);
        continue;
      }
      const Ns = [...new Set(b.cells.filter((c) => c.cell.N !== undefined).map((c) => c.cell.N!))].sort((x, y) => x - y);
      for (const m of SWEPT)
        for (const N of Ns) {
          const s = at(b, m, N)!;
          rows.push({ x: N, y: s.macroF1.mean, std: s.macroF1.std, series: METHOD_LABEL[m], facet });
        }
      for (const m of ['all', 'real-only'] as const) {
        const s = at(b, m)!;
        for (const N of Ns) rows.push({ x: N, y: s.macroF1.mean, series: METHOD_LABEL[m], facet }); // flat reference: no band
      }
    }
    const figures = rows.length
      ? [
          {
            name: 'fig-n',
            svg: lineChart(rows, {
              fields: { facet: 'facet' },
              title: 'Real-test macro-F1 vs N (mean ± std over seeds); flat lines: all synthetic, real only',
              x: 'N (selected synthetic pairs)',
              y: 'macro-F1',
              width: Math.max(640, 300 * new Set(rows.map((r) => r.facet)).size),
            }),
          },
        ]
      : [];
    return { figures, numbers: { points: rows, unavailable } };
  },
};
