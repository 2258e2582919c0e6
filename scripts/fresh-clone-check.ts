/**
 * The first-run promise, checked as a new user meets it (a .ci/run step):
 *
 *   git clone <this repo> <tmp> && cd <tmp> && npm ci && npm run reproduce
 *
 * with NO data directory (MMFND_DATA_DIR unset, no data/raw/). Asserts: exit
 * 0; for every registered paper, figures/<paper>/results.json and claims.md
 * written with at least one artefact built from the synthetic default; one
 * "data not available, skipped <dataset>" line for each real dataset the
 * papers' quick profiles use; no run failed.
 *
 *   npx tsx scripts/fresh-clone-check.ts [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PAPERS } from '../lib/papers/index';

const root = path.resolve(path.dirname(process.argv[1]), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-fresh-'));
const clone = path.join(tmp, 'repo');
const t0 = Date.now();
const say = (s: string) => process.stdout.write(`[fresh-clone] ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${s}\n`);
const fail = (s: string): never => {
  process.stderr.write(`[fresh-clone] FAILED: ${s}\n  (clone kept at ${clone})\n`);
  process.exit(1);
};

// what the papers' quick profiles need: every real dataset named by a run spec
const realDatasets = [
  ...new Set(
    Object.values(PAPERS)
      .flat()
      .flatMap((a) => a.runs('quick'))
      .flatMap((s) => (s.dataset.kind === 'real' ? [s.dataset.name] : [])),
  ),
].sort();

say(`cloning ${root} (HEAD) into ${clone}`);
execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone], { stdio: 'inherit' });
say('npm ci');
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, stdio: 'inherit' });
const env = { ...process.env };
delete env.MMFND_DATA_DIR;
if (fs.existsSync(path.join(clone, 'data', 'raw'))) fail('the clone has a data/raw/ directory');
// the committed quick profile was made WITH the data: remove its results so what is checked below is this run's
for (const paper of Object.keys(PAPERS)) for (const f of ['results.json', 'claims.md']) fs.rmSync(path.join(clone, 'figures', paper, f), { force: true });
say(`npm run reproduce (no data directory; ${Object.keys(PAPERS).length} papers; real datasets expected to be skipped: ${realDatasets.join(', ')})`);
const r = spawnSync('npm', ['run', '--silent', 'reproduce'], { cwd: clone, env, encoding: 'utf8', maxBuffer: 256 << 20 });
const log = `${r.stdout}\n${r.stderr}`;
fs.writeFileSync(path.join(tmp, 'reproduce.log'), log);
process.stdout.write(
  log
    .split('\n')
    .filter((l) => /data not available|done in|FAILED|not built/.test(l))
    .map((l) => `  | ${l}\n`)
    .join(''),
);
if (r.status !== 0) fail(`npm run reproduce exited ${r.status}; log: ${path.join(tmp, 'reproduce.log')}`);
for (const name of realDatasets) {
  const lines = log.split('\n').filter((l) => l.includes(`data not available, skipped ${name}:`));
  if (lines.length !== 1) fail(`expected one "data not available" line for ${name}, got ${lines.length}`);
}
for (const paper of Object.keys(PAPERS)) {
  const dir = path.join(clone, 'figures', paper);
  const results = path.join(dir, 'results.json');
  if (!fs.existsSync(results) || !fs.existsSync(path.join(dir, 'claims.md'))) fail(`${paper}: results.json / claims.md not written`);
  const json = JSON.parse(fs.readFileSync(results, 'utf8')) as { profile: string; artefacts: Record<string, { skipped?: string }> };
  if (json.profile !== 'quick') fail(`${paper}: profile ${json.profile}, expected the quick default`);
  const built = Object.entries(json.artefacts)
    .filter(([, a]) => !a.skipped)
    .map(([id]) => id);
  if (!built.length) fail(`${paper}: no artefact built from the synthetic default`);
  if (fs.readFileSync(results, 'utf8').includes(tmp)) fail(`${paper}: results.json contains a path of this machine (${tmp})`);
  say(`${paper}: ${built.length} artefacts built (${built.join(', ')}), ${Object.keys(json.artefacts).length - built.length} skipped for absent data`);
}
say('ok');
if (!process.argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
