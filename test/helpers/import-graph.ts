/**
 * The import graph of lib/: every static `import … from`, `export … from` and dynamic `import('…')` of a
 * relative module, type-only imports included (a type import still ties a module to the layer it names).
 * Used by test/architecture/imports.test.ts; `npx tsx test/helpers/import-graph.ts` prints a summary.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ImportGraph {
  /** module (repo-relative path without extension, e.g. 'lib/train/trainer') → the modules it imports */
  edges: Map<string, Set<string>>;
}

const IMPORT_RE =
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;}(=])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** strips comments so that an example in a doc comment is not an edge */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolve(root: string, fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // a package
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const cand of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return path.relative(root, cand).replace(/\\/g, '/').replace(/\.ts$/, '');
  }
  throw new Error(`${path.relative(root, fromFile)}: import '${spec}' resolves to no file`);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export function importGraph(root: string, under = 'lib'): ImportGraph {
  const edges = new Map<string, Set<string>>();
  for (const file of walk(path.join(root, under))) {
    const from = path.relative(root, file).replace(/\\/g, '/').replace(/\.ts$/, '');
    const deps = new Set<string>();
    const src = stripComments(fs.readFileSync(file, 'utf8'));
    for (const m of src.matchAll(IMPORT_RE)) {
      const to = resolve(root, file, m[1] ?? m[2] ?? m[3]);
      if (to) deps.add(to);
    }
    edges.set(from, deps);
  }
  return { edges };
}

/** the folder a module belongs to: 'lib/train/trainer' → 'lib/train', 'lib/papers/bmlhf/x' → 'lib/papers' */
export const layerOf = (mod: string): string => mod.split('/').slice(0, 2).join('/');

/** edges whose source lies in one of `lower` and whose target lies in one of `upper` */
export function edgesUp(g: ImportGraph, lower: string[], upper: string[]): string[] {
  const out: string[] = [];
  for (const [from, deps] of g.edges) {
    if (!lower.includes(layerOf(from))) continue;
    for (const to of deps) if (upper.includes(layerOf(to))) out.push(`${from} -> ${to}`);
  }
  return out.sort();
}

/** the strongly connected components with more than one module (Tarjan), each sorted; i.e. the import cycles */
export function cycles(g: ImportGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.edges.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || g.edges.get(v)?.has(v)) out.push(comp.sort());
    }
  };
  for (const v of g.edges.keys()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** the layers below lib/experiment: none of them may import lib/experiment or lib/papers */
export const LOWER_LAYERS = ['lib/train', 'lib/selection', 'lib/models', 'lib/report', 'lib/eval', 'lib/nn', 'lib/losses', 'lib/data', 'lib/features'];
export const UPPER_LAYERS = ['lib/experiment', 'lib/papers'];

if (process.argv[1] && /import-graph\.ts$/.test(process.argv[1])) {
  const g = importGraph(process.cwd());
  const n = [...g.edges.values()].reduce((s, d) => s + d.size, 0);
  console.log(`${g.edges.size} modules, ${n} edges`);
  const up = edgesUp(g, LOWER_LAYERS, UPPER_LAYERS);
  console.log(`edges up (${LOWER_LAYERS.join(', ')} → experiment/papers): ${up.length}`);
  for (const e of up) console.log('  ' + e);
  const cs = cycles(g);
  console.log(`cycles: ${cs.length}`);
  for (const c of cs) console.log('  ' + c.join(' ⇄ '));
}
