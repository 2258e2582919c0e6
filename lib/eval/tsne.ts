/**
 * 2-D t-SNE of a set of rows (BMLHF Figs 4–6), with the maintained
 * implementation in @saehrimnir/druidjs; seeded, so the same rows and seed
 * give the same map. Loaded lazily: only runs that ask for a map pay for it.
 */
export interface TsneOptions {
  seed?: number;
  /** default 30 (van der Maaten's usual choice for a few hundred points) */
  perplexity?: number;
  iterations?: number;
}

export async function tsne2d(rows: number[][], { seed = 1, perplexity = 30, iterations = 500 }: TsneOptions = {}): Promise<[number, number][]> {
  if (rows.length <= 3 * perplexity) throw new Error(`tsne2d: ${rows.length} rows is too few for perplexity ${perplexity} (need > ${3 * perplexity})`);
  for (const [i, r] of rows.entries()) if (!r.every(Number.isFinite)) throw new Error(`tsne2d: row ${i} has a non-finite value`);
  const { TSNE } = (await import('@saehrimnir/druidjs')) as unknown as { TSNE: new (x: number[][], p: object) => { transform(it: number): unknown } };
  const out = new TSNE(rows, { perplexity, seed, d: 2 }).transform(iterations);
  return (out as number[][]).map((p) => [p[0], p[1]]);
}
