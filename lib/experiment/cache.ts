/**
 * Results cache: one JSON file per run, named by the spec hash, written
 * atomically (temp file + rename) so an interrupted reproduce never leaves a
 * half-written result that a later run would trust.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunResult } from './result';

export class ResultCache {
  constructor(readonly dir: string) {}

  private file(hash: string): string {
    return path.join(this.dir, `${hash}.json`);
  }

  get(hash: string): RunResult | undefined {
    const f = this.file(hash);
    if (!fs.existsSync(f)) return undefined;
    try {
      const r = JSON.parse(fs.readFileSync(f, 'utf8')) as RunResult;
      return r.hash === hash ? r : undefined;
    } catch {
      return undefined; // unreadable: treated as missing, recomputed and overwritten
    }
  }

  put(r: RunResult): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file(r.hash)}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(r));
    fs.renameSync(tmp, this.file(r.hash));
  }
}
