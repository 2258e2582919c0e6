/**
 * The PyTorch twins of the 'bmlhf' bench (bench/model_steps_torch.py, coolant_torch.py, hms_torch.py)
 * train as many parameters as the workbench's models they time: a twin that drifted from its model
 * would time another network. Skipped without an importable torch.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend/index';
import { makeModel } from '../../lib/experiment/models';
import { findTorchPython } from '../../bench/train-step';
import { BENCH_MODELS, registryName, twitterSized } from '../../bench/model-steps-tfjs';

const py = findTorchPython();
const SCRIPT = fileURLToPath(new URL('../../bench/model_steps_torch.py', import.meta.url));

describe.skipIf(!py)('bmlhf bench: PyTorch twins', () => {
  beforeAll(async () => {
    await initBackend({ quiet: true });
  });
  it('every bench model has a twin with its trained parameter count', () => {
    const r = spawnSync(py!, [SCRIPT, '--params', '--models', BENCH_MODELS.join(',')], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const torch = JSON.parse(r.stdout) as Record<string, number>;
    const ds = twitterSized(64);
    for (const name of BENCH_MODELS) {
      const m = makeModel(registryName(name), ds, {}, 1);
      const trained = m
        .variables()
        .filter((v) => v.trainable)
        .reduce((s, v) => s + v.size, 0);
      m.dispose();
      expect([name, torch[name]]).toEqual([name, trained]);
    }
  });
});
