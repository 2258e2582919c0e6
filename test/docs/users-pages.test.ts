/**
 * README and docs/papers/*.md are users' pages: every reproduce option they
 * use is one `--help` lists (and not the legacy --quick), and they carry no
 * lab-log lines about how busy the machine was that day.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const pages = ['README.md', ...fs.readdirSync('docs/papers').map((f) => path.join('docs/papers', f))];

describe('users’ pages', () => {
  it('reproduce options in the pages are those of --help; none uses the legacy --quick', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'bin/reproduce.ts', '--help'], { encoding: 'utf8' }).stdout;
    expect(help).toMatch(/^usage: npm run reproduce/);
    for (const page of pages) {
      for (const line of fs
        .readFileSync(page, 'utf8')
        .split('\n')
        .filter((l) => /npm run reproduce -- /.test(l))) {
        const cmd = line.slice(line.indexOf('npm run reproduce -- ')).split(/`|#|\|/)[0];
        for (const flag of cmd.match(/--[a-z][a-z-]*/g) ?? []) {
          expect(flag, `${page}: ${line}`).not.toBe('--quick');
          expect(help, `${page}: ${flag}`).toContain(`${flag} `);
        }
      }
    }
  }, 60_000);
  it('no lab-log lines', () => {
    for (const page of pages)
      expect(fs.readFileSync(page, 'utf8'), page).not.toMatch(
        /not measured today|slower today|other engineers|colleagues’? jobs|machine was shared|could not measure it/i,
      );
  });
  it('README names the Node engine warning, the licence and the changelog exists', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/engine warning for `nsfwjs`/);
    expect(fs.readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License/);
    expect(fs.existsSync('CHANGELOG.md')).toBe(true);
    expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).license).toBe('MIT');
  });
});
