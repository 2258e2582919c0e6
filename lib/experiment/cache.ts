/**
 * Results cache: one JSON file per run, named by the spec hash and the numeric
 * path that computed it (`<hash>@<path>.json`, numeric-path.ts: results from
 * two paths never stand in for each other), written atomically (temp file +
 * rename) so an interrupted reproduce never leaves a half-written result that
 * a later run would trust.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunResult } from './result';
import type { RunSpec } from './spec';
import { pathOf, resultKey } from './numeric-path';

export class ResultCache {
  /** `numericPath`: the path whose results get() returns (lib/backend numericPath()) */
  constructor(
    readonly dir: string,
    readonly numericPath = 'wasm',
  ) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  get(hash: string): RunResult | undefined {
    const f = this.file(resultKey(hash, this.numericPath));
    if (!fs.existsSync(f)) return undefined;
    try {
      const { spec: _spec, ...r } = JSON.parse(fs.readFileSync(f, 'utf8')) as RunResult & { spec?: RunSpec };
      return r.hash === hash && pathOf(r) === this.numericPath ? (r as RunResult) : undefined;
    } catch {
      return undefined; // unreadable: treated as missing, recomputed and overwritten
    }
  }

  /** every readable cached result with the spec it was run from (specs are stored beside results since `put(r, spec)`) */
  *entries(): Generator<{ result: RunResult; spec?: RunSpec }> {
    if (!fs.existsSync(this.dir)) return;
    for (const f of fs.readdirSync(this.dir).sort()) {
      if (!f.endsWith('.json')) continue;
      try {
        const r = JSON.parse(fs.readFileSync(path.join(this.dir, f), 'utf8')) as RunResult & { spec?: RunSpec };
        const { spec, ...result } = r;
        yield { result: result as RunResult, spec };
      } catch {
        /* unreadable: skipped, like get() */
      }
    }
  }

  /** stored under the path that computed it (a remote worker's may differ from this cache's) */
  put(r: RunResult, spec?: RunSpec): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const f = this.file(resultKey(r.hash, pathOf(r)));
    const tmp = `${f}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(spec ? { ...r, spec } : r));
    fs.renameSync(tmp, f);
  }
}
