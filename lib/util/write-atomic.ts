/**
 * Writes a file so that a reader never sees half of it: a temp file beside it (same directory, so the
 * rename stays on one filesystem), then a rename over the final name.
 */
import * as fs from 'node:fs';

export function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
