import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_MODULES, buildExplorer } from '../../explorer/build';

describe('npm run explorer (esbuild)', () => {
  it('bundles the library’s own modules, swaps the Node-only ones for their browser entries, and ships the .wasm files beside the page', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-explorer-build-'));
    const r = await buildExplorer(out);
    expect(r.files).toEqual(['explorer.js', 'index.html', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm.wasm']);
    // the same generator, models, trainer and balancer as the notebooks and reproduce
    for (const f of [
      'lib/data/synthetic.ts',
      'lib/models/late-fusion.ts',
      'lib/train/trainer.ts',
      'lib/balance/mib.ts',
      'lib/balance/index.ts',
      'lib/data/drop-modality.ts',
      'lib/backend/browser.ts',
      'lib/backend/wasm-matmul-fix.ts',
    ])
      expect(r.inputs).toContain(f);
    for (const [node, browser] of Object.entries(BROWSER_MODULES)) {
      expect(r.inputs).not.toContain(node);
      expect(r.inputs).toContain(browser);
    }
    // nothing that needs Node: no cli-progress, no node: builtins, none of lib's Node-side modules
    expect(r.inputs.filter((i) => /cli-progress|^node:|lib\/(figures\/render|data\/datadir|experiment\/reproduce|util\/pool)/.test(i))).toEqual([]);
    const js = fs.readFileSync(path.join(out, 'explorer.js'), 'utf8');
    expect(js).not.toMatch(/require\(["']node:/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<script src="./explorer.js"></script>');
    fs.rmSync(out, { recursive: true });
  });
});
