/**
 * `npm run data:check [-- --data-dir DIR] [--quick] [--dataset NAME]`
 *
 * Checks a data directory against data/manifest.json and prints one table
 * per dataset: present / missing / corrupted counts and the names of the
 * problem files. Exit code 1 if anything is missing or corrupted.
 *
 *   --data-dir DIR     data directory (else MMFND_DATA_DIR, else data/raw/)
 *   --quick            compare sizes only, skip SHA-256
 *   --dataset NAME     check one dataset (repeatable)
 *   --write-manifest   regenerate data/manifest.json from DIR (maintainers:
 *                      run it on a known-good copy, e.g. ../shared/datasets)
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR_ENV, DATA_DOC, dataDirFromArgv, resolveDataDir } from '../lib/data/datadir';
import { buildDatasetEntry, defaultManifestPath, loadManifest, verifyAll, type DatasetCheck, type Manifest } from '../lib/data/manifest';

const DESCRIPTIONS: Record<string, string> = {
  'twitter-mediaeval2016': 'MediaEval 2016 VMU Twitter corpus: dev/test posts, cleaned English text, public images (Apache-2.0 / MIT)',
  weibo: 'Weibo rumor dataset (Jin et al. 2017), text only, with the EANN id→event split (research use)',
  verite: 'VERITE benchmark with CLIP ViT-L/14 image and text features (Apache-2.0)',
  'twitter-clip-vitb32': 'MediaEval 2016 Twitter test set with CLIP ViT-B/32 features, float16 (CC BY 4.0)',
  'fakeddit-subset': 'Fakeddit 10,000-line train/validate/test_public slices + 100 train images (research use)',
};
const SHOW = 10; // problem file names printed per dataset

function argValues(argv: string[], flag: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === flag && argv[i + 1]) out.push(argv[i + 1]);
    else if (a.startsWith(`${flag}=`)) out.push(a.slice(flag.length + 1));
  });
  return out;
}

function printTable(c: DatasetCheck): void {
  const status = c.missing.length || c.corrupted.length ? 'PROBLEM' : 'ok';
  console.log(`\n${c.name}  [${status}]  ${c.dir}`);
  const rows: [string, number][] = [
    ['expected', c.expected],
    ['present', c.present],
    ['missing', c.missing.length],
    ['corrupted', c.corrupted.length],
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(10)} ${String(v).padStart(6)}`);
  const list = (label: string, names: string[]) => {
    if (!names.length) return;
    console.log(`  ${label}: ${names.slice(0, SHOW).join(', ')}${names.length > SHOW ? `, … ${names.length - SHOW} more` : ''}`);
  };
  if (!existsSync(c.dir)) console.log(`  folder not found: all ${c.expected} files missing`);
  else list('missing files', c.missing);
  list(
    'corrupted files',
    c.corrupted.map((x) => `${x.file} (${x.reason})`),
  );
}

async function writeManifest(dataDir: string): Promise<void> {
  const m: Manifest = { version: 1, datasets: {} };
  for (const name of Object.keys(DESCRIPTIONS)) {
    m.datasets[name] = await buildDatasetEntry(join(dataDir, name), DESCRIPTIONS[name]);
    console.log(`${name}: ${Object.keys(m.datasets[name].files).length} files`);
  }
  writeFileSync(defaultManifestPath(), JSON.stringify(m, null, 1) + '\n');
  console.log(`wrote ${defaultManifestPath()}`);
}

function dataDirSource(argv: string[]): string {
  if (dataDirFromArgv(argv)) return 'from --data-dir';
  if (process.env[DATA_DIR_ENV]?.trim()) return `from ${DATA_DIR_ENV}`;
  return `the default data/raw/; set --data-dir or ${DATA_DIR_ENV}`;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir({ dataDir: dataDirFromArgv(argv) });
  if (argv.includes('--write-manifest')) {
    await writeManifest(dataDir);
    return 0;
  }
  const only = argValues(argv, '--dataset');
  const manifest = loadManifest();
  const unknown = only.filter((n) => !manifest.datasets[n]);
  if (unknown.length) throw new Error(`unknown dataset(s) ${unknown.join(', ')}; known: ${Object.keys(manifest.datasets).join(', ')}`);
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    // say so once, instead of listing every file of every dataset as missing
    console.error(
      `data:check: the data directory ${dataDir} does not exist${existsSync(dataDir) ? ' as a directory' : ''} (${dataDirSource(argv)}); see ${DATA_DOC} for where to get the datasets and the expected layout`,
    );
    return 1;
  }
  const t0 = Date.now();
  const checks = await verifyAll(dataDir, manifest, { hash: !argv.includes('--quick'), only: only.length ? only : undefined });
  console.log(`data directory: ${dataDir}${argv.includes('--quick') ? ' (sizes only)' : ''}`);
  checks.forEach(printTable);
  const bad = checks.filter((c) => c.missing.length || c.corrupted.length);
  console.log(`\n${checks.length - bad.length} of ${checks.length} datasets complete (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (bad.length) console.log(`incomplete: ${bad.map((c) => c.name).join(', ')}; see ${DATA_DOC} for where to get the data`);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`data:check: ${(e as Error).message}`);
    process.exit(2);
  },
);
