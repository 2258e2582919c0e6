import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reportHtml, writeReport } from '../../../lib/report/html/index';

/** A figures/ folder with one made-up paper in reproduce's layout, a paper folder without results, a notebook and a doc. */
function fixture(): { root: string; figures: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-report-'));
  const figures = path.join(root, 'figures');
  const put = (f: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  };
  const results = {
    paper: 'alpha',
    profile: 'quick',
    artefacts: {
      t1: {
        title: 'Table 1',
        numbers: {},
        claims: [
          { statement: 'joint beats text-only', on: 'synthetic', holds: true, evidence: '0.80 ± 0.01 vs 0.70 ± 0.02' },
          { statement: 'image helps <b>a lot</b>', on: 'synthetic', holds: false, evidence: 'Δ -0.01' },
          { statement: 'holds on weibo', on: 'weibo', holds: null, evidence: "dataset 'weibo' not found" },
          {
            statement: 'our curve rises',
            source: 'workbench',
            on: 'synthetic',
            verdict: 'undecided',
            test: 'exact sign-flip permutation test (paired by seed), one-sided, α = 0.05',
            evidence: 'undecided: n = 3: the smallest attainable p is 0.125; to decide: about 5 paired seeds',
          },
        ],
        differences: ['stand-in features'],
      },
      'f2-3': { title: 'Figs 2–3', numbers: {}, claims: [], differences: [] },
      t9: { title: 'Table 9', skipped: "dataset 'weibo' not found in data/raw/", claims: [], differences: [] },
    },
    datasets: {
      'synthetic:{"seed":0}': { spec: { kind: 'synthetic', options: { seed: 0 } }, notes: ['synthetic generator, seed 0'] },
      'twitter:{}': {
        spec: { kind: 'real', name: 'twitter', options: {} },
        notes: [
          'labels: fake → 1',
          'textPattern: char-ngram (stand-in for BERT)',
          'imageSemantic: clip-vitb32 (shipped)',
          'textSemantic: BERT-base (user-supplied)',
        ],
      },
    },
    models: {},
    runs: { a: { seed: 2 }, b: { seed: 1 }, c: { seed: 2 } },
    unavailable: { weibo: "dataset 'weibo' not found in data/raw/" },
  };
  put('figures/alpha/results.json', JSON.stringify(results));
  put(
    'figures/alpha/t1.csv',
    'dataset,acc,acc (paper),drop (ours),n,drop (paper)\nsynthetic,0.608 ± 0.013,0.912 ± 0.009,+0.011,3,+0.012\nweibo,data not available,0.800,—,0,—\n',
  );
  put('figures/alpha/t1.md', '### Table 1 — ours beside the paper\n\n| dataset |\n| --- |\n| x |\n\nOne note.\n');
  put(
    'figures/alpha/f2.svg',
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><clipPath id="c1"><rect width="5" height="5"/></clipPath><rect clip-path="url(#c1)" width="10" height="10" onclick="alert(1)"/><script>alert(2)</script></svg>',
  );
  put('figures/alpha/f3.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><clipPath id="c1"><rect width="5" height="5"/></clipPath></svg>');
  put('figures/alpha/extra.csv', 'a,b\n1,2\n');
  put('figures/alpha/claims.md', '# claims\n');
  put('figures/beta/x.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>');
  put('notebooks/03-alpha.ipynb', '{}');
  put('notebooks/04-alphabet.ipynb', '{}');
  put('docs/papers/alpha.md', '# alpha\n');
  return { root, figures };
}

describe('figures/index.html', () => {
  it('renders each paper: summary counts, run facts, encoders, claims with their verdicts, artefacts with figures and tables', () => {
    const { root, figures } = fixture();
    const html = reportHtml(figures);
    // summary row: the paper's 1 holds, 1 does not, 0 undecided; ours 0 / 0 / 1; 1 not checked; 2 artefacts built + 1 skipped; 1 of 2 compared numbers differs
    expect(html).toMatch(/<a href="#paper-alpha">alpha<\/a><\/th><td>quick<\/td><td class="num">3<\/td><td class="num">2<\/td>/);
    expect(html).toMatch(
      /<td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">2 \(\+1 skipped\)<\/td><td class="num">1 \/ 2<\/td>/,
    );
    expect(html).toContain('<dt>seeds</dt><dd>1, 2</dd>');
    expect(html).toContain('<a href="../notebooks/03-alpha.ipynb">notebook</a>');
    expect(html).toContain('<a href="../docs/papers/alpha.md">documentation</a>');
    expect(html).toContain('<td>textPattern</td><td><code>char-ngram</code></td><td>BERT</td>');
    expect(html).toContain('shipped (the paper’s own features)');
    // features from files (lib/data/user-views): the encoder the user named, marked user-supplied
    expect(html).toContain('<td>textSemantic</td><td><code>BERT-base</code></td><td>user-supplied (features from files)</td>');
    expect(html).toContain('not available here: dataset &#39;weibo&#39; not found in data/raw/');
    expect(html).toMatch(/<tr class="holds">.*joint beats text-only.*<td class="verdict">holds<\/td>/);
    expect(html).toMatch(/<tr class="fails">.*image helps &lt;b&gt;a lot&lt;\/b&gt;.*<td class="verdict">does not hold<\/td>/);
    expect(html).toMatch(/<tr class="unchecked">.*holds on weibo.*<td class="verdict">not checked<\/td><td>—<\/td><td>dataset &#39;weibo&#39; not found<\/td>/);
    // the workbench's own claims in their own table, after the paper's; decided claims lead
    expect(html).toMatch(
      /The paper’s claims[\s\S]*joint beats text-only[\s\S]*image helps[\s\S]*holds on weibo[\s\S]*The workbench’s own claims[\s\S]*<tr class="undecided">.*our curve rises.*<td class="verdict">undecided<\/td>/,
    );
    expect(html).toContain('the paper’s claims: 1 hold, 1 do not hold, 0 undecided (+1 not checked); the workbench’s own: 0 hold, 0 do not hold, 1 undecided');
    expect(html).toContain('Skipped (data not available): dataset &#39;weibo&#39; not found in data/raw/');
    fs.rmSync(root, { recursive: true });
  });

  it('highlights by the spread rule, keeps paper columns adjacent, and carries the row count for the browser test', () => {
    const { root, figures } = fixture();
    const html = reportHtml(figures);
    const t1 = html.slice(html.indexOf('data-source="alpha/t1.csv"'));
    const head = /<thead><tr>(.*?)<\/tr><\/thead>/.exec(t1)![1];
    expect([...head.matchAll(/>([^<]+)<\/th>/g)].map((m) => m[1])).toEqual(['dataset', 'acc', 'acc (paper)', 'drop (ours)', 'drop (paper)', 'n']);
    expect(t1).toMatch(/^data-source="alpha\/t1.csv" data-rows="2"/);
    const firstRow = /<tbody>\n<tr>(.*?)<\/tr>/.exec(t1)![1];
    expect(firstRow).toContain(
      '<td class="num ours differs" title="differs from the paper (0.912 ± 0.009) by more than the spread">0.608 ± 0.013</td><td class="num paper">0.912 ± 0.009</td>',
    );
    expect(firstRow).toContain('<td class="num ours">+0.011</td><td class="num paper">+0.012</td>'); // 0.001 ≤ rounding
    expect(t1).toContain('<p class="note">One note.</p>');
    expect(t1).toContain('1 of 2 of our numbers differ');
    fs.rmSync(root, { recursive: true });
  });

  it('inlines SVG safely: prolog and scripts gone, ids prefixed per figure; files of a range id go to it, the rest to "other files"', () => {
    const { root, figures } = fixture();
    const html = reportHtml(figures);
    expect(html).not.toContain('<?xml');
    expect(html).not.toContain('alert(');
    expect(html).toContain('id="alpha-f2-c1"');
    expect(html).toContain('clip-path="url(#alpha-f2-c1)"');
    expect(html).toContain('id="alpha-f3-c1"');
    const f23 = html.slice(html.indexOf('id="alpha-f2-3"'), html.indexOf('id="alpha-t9"'));
    expect(f23).toContain('data-file="alpha/f2.svg"');
    expect(f23).toContain('data-file="alpha/f3.svg"');
    expect(html.slice(html.indexOf('id="alpha-other-files"'))).toContain('data-source="alpha/extra.csv"');
    // a folder without results.json still gets a section that says so, and its files
    expect(html).toContain('no results.json (run `npm run reproduce`)');
    expect(html).toContain('data-file="beta/x.svg"');
    fs.rmSync(root, { recursive: true });
  });

  it('is deterministic and portable: same bytes twice, no absolute path, no date; loads nothing from outside', () => {
    const { root, figures } = fixture();
    const a = fs.readFileSync(writeReport(figures), 'utf8');
    const b = fs.readFileSync(writeReport(figures), 'utf8');
    expect(a).toBe(b);
    expect(a).not.toContain(root);
    expect(a).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(a).not.toMatch(/<script|<link|src="http|href="http/);
    fs.rmSync(root, { recursive: true });
  });

  it('on the committed figures/: one table per CSV with its row count, one inline figure per SVG', () => {
    const figures = path.resolve('figures');
    const html = reportHtml(figures);
    for (const paper of fs.readdirSync(figures, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const f of fs.readdirSync(path.join(figures, paper.name))) {
        const rel = `${paper.name}/${f}`;
        if (f.endsWith('.csv')) {
          const rows = (parse(fs.readFileSync(path.join(figures, rel), 'utf8'), { relax_column_count: true, skip_empty_lines: true }) as unknown[]).length - 1;
          expect(html, rel).toContain(`data-source="${rel}" data-rows="${rows}"`);
        }
        if (f.endsWith('.svg')) expect(html.split(`data-file="${rel}"`).length - 1, rel).toBe(1);
      }
    }
  });
  it('reads top-down: contents first; each paper summary → figures → tables → claims (folded, decided first); every anchor unique; links back to the top', () => {
    const { root, figures } = fixture();
    const html = reportHtml(figures);
    const at = (needle: string) => {
      const i = html.indexOf(needle);
      expect(i, needle).toBeGreaterThan(-1);
      return i;
    };
    expect(at('<header id="top">')).toBeLessThan(at('<nav class="toc"'));
    expect(html).toMatch(/<nav class="toc"[^>]*><h2>Contents<\/h2><ol><li><a href="#summary">/);
    expect(html).toContain('<a href="#alpha-part-figures">figures</a> · <a href="#alpha-part-tables">tables</a> · <a href="#alpha-part-claims">claims</a> (4)');
    const paper = at('<section class="paper" id="paper-alpha">');
    const order = [
      '<dl class="runinfo">',
      'id="alpha-part-figures"',
      'data-file="alpha/f2.svg"',
      'id="alpha-part-tables"',
      'data-source="alpha/t1.csv"',
      'id="alpha-part-claims"',
      '<details class="claims"',
      '<table class="claims"',
    ].map((n) => html.indexOf(n, paper));
    expect(order.every((x) => x > paper)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // decided claims come before the unchecked ones
    const claims = html.slice(at('<table class="claims"'));
    expect(claims.indexOf('<tr class="fails">')).toBeLessThan(claims.indexOf('<tr class="unchecked">'));
    expect(claims.indexOf('<tr class="holds">')).toBeLessThan(claims.indexOf('<tr class="unchecked">'));
    // every id once (the claims link to artefact anchors: one per artefact); every in-page link has its target
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids, m[1]).toContain(m[1]);
    expect(html.split('href="#top"').length - 1).toBeGreaterThanOrEqual(2);
    fs.rmSync(root, { recursive: true });
  });
});
