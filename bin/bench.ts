/**
 * npm run bench [-- --only <name>[,<name>]] [--seconds <s>] [--json <file>] [--list]
 *
 * Runs the suites registered in bench/suites.ts and prints one markdown
 * table (paste-able into docs/BENCH.md). "vs ref" = value / the suite's
 * reference row for the same workload (inverted for lower-is-better units).
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { SUITES } from '../bench/suites';
import type { BenchRow, BenchSuite } from '../bench/types';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '3' },
    json: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || values.list) {
  console.log('suites:');
  for (const s of SUITES) console.log(`  ${s.name.padEnd(14)} ${s.description}`);
  console.log('\noptions: --only a,b   --seconds 3 (timing per row)   --json out.json');
  process.exit(0);
}

const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got "${values.seconds}"`);
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !SUITES.some((s) => s.name === n)) ?? [];
if (unknown.length) {
  throw new Error(`--only: unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
}
const suites = SUITES.filter((s) => !only || only.includes(s.name));

// Timings on a shared machine: say how busy it was.
const cores = os.availableParallelism();
const load = () => os.loadavg()[0].toFixed(2);
const loadBefore = load();
if (os.loadavg()[0] > cores / 2) {
  process.stderr.write(`[bench] warning: load average ${loadBefore} on ${cores} cores: numbers will be low and noisy\n`);
}

type Row = BenchRow & { suite: string; vsRef?: number };
const rows: Row[] = [];
const notes: string[] = [];
let failed = 0;
for (const entry of suites) {
  process.stderr.write(`[bench] ${entry.name}: ${entry.description}\n`);
  const t0 = performance.now();
  let suite: BenchSuite;
  try {
    suite = await entry.load();
  } catch (e) {
    // one broken suite must not cost the others' numbers
    failed++;
    notes.push(`${entry.name}: FAILED to load: ${(e as Error).message.split('\n')[0]}`);
    process.stderr.write(`[bench] ${entry.name} failed to load: ${(e as Error).stack}\n`);
    continue;
  }
  const note = (line: string) => {
    notes.push(`${suite.name}: ${line}`);
    process.stderr.write(`[bench] ${suite.name}: ${line}\n`); // progress, in case a later step hangs
  };
  let got: BenchRow[];
  try {
    got = await suite.run({ seconds, note });
  } catch (e) {
    failed++;
    notes.push(`${suite.name}: FAILED: ${(e as Error).message.split('\n')[0]}`);
    process.stderr.write(`[bench] ${suite.name} failed: ${(e as Error).stack}\n`);
    continue;
  }
  for (const r of got) {
    const ref = got.find((x) => x.ref && x.workload === r.workload);
    const vsRef = ref ? (r.higherIsBetter === false ? ref.value / r.value : r.value / ref.value) : undefined;
    rows.push({ ...r, suite: suite.name, vsRef });
  }
  process.stderr.write(`[bench] ${suite.name} took ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const header = ['suite', 'workload', 'implementation', 'value', 'unit', 'vs ref'];
const lines = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map(
    (r) =>
      `| ${r.suite} | ${r.workload} | ${r.impl}${r.ref ? ' (ref)' : ''}${r.note ? ` — ${r.note}` : ''} | ` +
      `${fmt(r.value)} | ${r.unit} | ${r.vsRef === undefined ? '' : r.vsRef.toFixed(2) + '×'} |`,
  ),
];
console.log(lines.join('\n'));
if (notes.length) console.log('\n' + notes.map((n) => `- ${n}`).join('\n'));
console.log(
  `\n${os.cpus()[0]?.model ?? 'cpu'}, ${cores} cores, Node ${process.version}; ` + `load average ${loadBefore} before, ${load()} after; --seconds ${seconds}`,
);
if (values.json) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), rows, notes }, null, 2));
if (failed) process.exitCode = 1;
