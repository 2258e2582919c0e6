/**
 * Results cache: one JSON file per run, named by the spec hash, written
 * atomically (temp file + rename) so an interrupted reproduce never leaves a
 * half-written result that a later run would trust.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunResult } from './result';
import type { RunSpec } from './spec';

export class ResultCache {
  constructor(readonly dir: string) {}

  private file(hash: string): string {
    return path.join(this.dir, `${hash}.json`);
  }

  get(hash: string): RunResult | undefined {
    const f = this.file(hash);
    if (!fs.existsSync(f)) return undefined;
    try {
      const { spec: _spec, ...r } = JSON.parse(fs.readFileSync(f, 'utf8')) as RunResult & { spec?: RunSpec };
      return r.hash === hash ? (r as RunResult) : undefined;
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

  put(r: RunResult, spec?: RunSpec): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file(r.hash)}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(spec ? { ...r, spec } : r));
    fs.renameSync(tmp, this.file(r.hash));
  }
}
