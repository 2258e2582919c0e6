/**
 * Writes the workbench's own dataset layout (lib/data/loaders/files.ts):
 * posts.csv, and for each feature view a float32 .npy whose row i is post i,
 * declared in views.json. Loaded with `{ kind: 'real', name: 'files',
 * options: { dir: <folder name> } }` once the folder is in the data directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npyFloat32 } from './npz';

export interface LayoutPost {
  id: string;
  /** 1 = fake, 0 = real */
  label: number;
  split: 'train' | 'val' | 'test';
  text?: string;
  images?: string[];
  event?: string;
}

export interface LayoutView {
  view: string;
  dim: number;
  /** [N, dim], row i = post i */
  data: Float32Array;
  encoder: string;
  source?: string;
}

const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Write posts.csv (+ views.json and one .npy per view when there are views); returns the files written. */
export function writeLayout(out: string, posts: LayoutPost[], views: LayoutView[] = []): string[] {
  mkdirSync(out, { recursive: true });
  const cols = ['id', 'label', 'split', ...(posts.some((p) => p.text !== undefined) ? ['text'] : []), ...(posts.some((p) => p.images) ? ['images'] : []), ...(posts.some((p) => p.event !== undefined) ? ['event'] : [])];
  const line = (p: LayoutPost) => cols.map((c) => cell(c === 'images' ? (p.images ?? []).join(';') : String((p as unknown as Record<string, unknown>)[c] ?? ''))).join(',');
  const files = [join(out, 'posts.csv')];
  writeFileSync(files[0], [cols.join(','), ...posts.map(line)].join('\n') + '\n');
  if (views.length) {
    for (const v of views) {
      if (v.data.length !== posts.length * v.dim) throw new Error(`view '${v.view}': ${v.data.length} values, expected ${posts.length} posts × ${v.dim}`);
      files.push(join(out, `${v.view}.npy`));
      writeFileSync(files[files.length - 1], npyFloat32([posts.length, v.dim], v.data));
    }
    const manifest = { views: views.map((v) => ({ view: v.view, file: `${v.view}.npy`, dim: v.dim, encoder: v.encoder, ...(v.source ? { source: v.source } : {}) })) };
    files.push(join(out, 'views.json'));
    writeFileSync(files[files.length - 1], JSON.stringify(manifest, null, 1) + '\n');
  }
  return files;
}
