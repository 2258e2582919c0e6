/**
 * `reproduce --plan` (and the plan `--full` prints first): which runs a real
 * run would do here — datasets probed first, so absent ones are skipped as a
 * real run skips them — with their epochs and the time they are estimated to
 * take from measured seconds per epoch (lib/experiment/epoch-timings).
 */
import { plan, planSummary } from '../lib/experiment/plan';
import { probeDatasets } from '../lib/experiment/availability';
import type { Artefact, Profile } from '../lib/experiment/artefact';

export async function printPlan(o: {
  artefacts: Artefact[];
  profile: Profile;
  cacheDir?: string;
  jobs: number;
  numericPath?: string;
  dataDir?: string;
  write?: (s: string) => void;
}): Promise<void> {
  const write = o.write ?? ((s: string) => process.stdout.write(s));
  const specs = o.artefacts.flatMap((a) => a.runs(o.profile));
  const availability = await probeDatasets(
    specs,
    o.artefacts.flatMap((a) => a.datasets?.(o.profile) ?? []),
    { dataDir: o.dataDir },
  );
  const rows = plan({
    artefacts: o.artefacts,
    profile: o.profile,
    cacheDir: o.cacheDir,
    estimate: true,
    availability,
    numericPath: o.numericPath,
    dataDir: o.dataDir,
  });
  const shown = rows.filter((r) => r.runs > 0);
  if (shown.length) {
    const w = { dataset: 7, model: 5 };
    for (const r of shown) ((w.dataset = Math.max(w.dataset, r.dataset.length)), (w.model = Math.max(w.model, r.model.length)));
    // a plain aligned table: console.table's box wraps in a terminal and in notebooks
    const line = (c: string[]) => [c[0].padEnd(w.dataset), c[1].padEnd(w.model), ...c.slice(2).map((x, i) => x.padStart([4, 6, 6, 9][i]))].join('  ');
    write(line(['dataset', 'model', 'runs', 'cached', 'epochs', 'est.']) + '\n');
    for (const r of shown) write(line([r.dataset, r.model, String(r.runs), String(r.cached), String(r.epochsToTrain), est(r.estSeconds, r.estFrom)]) + '\n');
  }
  write(`[plan] profile ${o.profile}: ${planSummary(rows, o.jobs)}\n`);
}

function est(secs: number | null, from: string | null): string {
  if (secs === null) return 'unknown';
  const t = secs >= 3600 ? `${(secs / 3600).toFixed(1)} h` : secs >= 60 ? `${Math.round(secs / 60)} min` : `${Math.round(secs)} s`;
  return from === 'other data' ? `~${t}` : t;
}
