/**
 * Bit-identity check for speed work on the training path: runs small
 * synthetic specs (BMLHF + MIB, BMLHF-H + MIB in 'update' mode, SpotFake+
 * with decoupled weight decay, mm-transformer) through runOne and writes
 * their results minus timing, or compares against a file written before a change.
 *
 *   npx tsx scripts/train-fingerprint.ts --write /tmp/before.json
 *   npx tsx scripts/train-fingerprint.ts --check /tmp/before.json   # exit 1 on any byte difference
 *
 * Per-step records are included (outputs.steps), so any change in a loss,
 * score or balancer factor at any step shows up, not only in the final metrics.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runOne } from '../lib/experiment/run-one';
import type { RunSpec } from '../lib/experiment/spec';

const data = { kind: 'synthetic', options: { samples: 600, seed: 5 } } as RunSpec['dataset'];
const split = { kind: 'random', seed: 0 } as RunSpec['split'];
export const FINGERPRINT_SPECS: RunSpec[] = [
  { dataset: data, split, model: { name: 'BMLHF' }, balancer: { name: 'mib' }, train: { epochs: 3, seed: 1 }, seed: 7, outputs: { steps: true } },
  {
    dataset: data,
    split,
    model: { name: 'BMLHF', options: { ablation: 'H' } },
    balancer: { name: 'mib' },
    train: { epochs: 2, seed: 2, balanceMode: 'update' },
    seed: 8,
    outputs: { steps: true },
  },
  { dataset: data, split, model: { name: 'SpotFake+' }, train: { epochs: 3, seed: 3, weightDecayMode: 'decoupled' }, seed: 9, outputs: { steps: true } },
  {
    dataset: data,
    split,
    model: { name: 'SpotFake+' },
    balancer: { name: 'mib' },
    train: { epochs: 3, seed: 4, weightDecay: 0 },
    seed: 10,
    outputs: { steps: true },
  },
];

export async function fingerprint(): Promise<string> {
  const out: unknown[] = [];
  for (const spec of FINGERPRINT_SPECS) {
    const { timing: _, ...rest } = await runOne(spec);
    out.push(rest);
  }
  return JSON.stringify(out, null, 1);
}

const { values } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' } } });
if (!values.write && !values.check) throw new Error('train-fingerprint: give --write <file> or --check <file>');
const now = await fingerprint();
if (values.write) writeFileSync(values.write, now);
if (values.check) {
  const before = readFileSync(values.check, 'utf8');
  if (before === now) console.log(`identical: ${now.length} bytes, ${FINGERPRINT_SPECS.length} runs`);
  else {
    const i = [...now].findIndex((c, k) => c !== before[k]);
    console.log(`DIFFERENT at byte ${i}: before …${before.slice(i - 80, i + 80)}… now …${now.slice(i - 80, i + 80)}…`);
    process.exitCode = 1;
  }
}
