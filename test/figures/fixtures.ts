/** Small fixed datasets for the figure snapshots (no randomness: a literal LCG). */
import * as aq from 'arquero';

export const BARS = ['SpotFake+', 'EANN', 'MRML'].flatMap((group, i) =>
  ['text-only', 'image-only', 'multimodal'].map((series, j) => ({ group, series, value: 0.6 + 0.05 * i + 0.07 * j, std: 0.01 + 0.005 * j })),
);

/** the same numbers as an Arquero table with other column names, for `fields` */
export const BARS_TABLE = aq.from(BARS.map((b) => ({ family: b.group, version: b.series, acc: b.value, sd: b.std })));

export const CURVES = ['Text-multi', 'Image-multi', 'Image-only'].flatMap((series, k) =>
  Array.from({ length: 8 }, (_, e) => ({ series, x: e + 1, y: +(0.5 + 0.4 * (1 - Math.exp(-e / (2 + 2 * k)))).toFixed(4), std: 0.02 + 0.005 * k })),
);

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export function embedding(n = 60): { x: number; y: number; label: number; method: string }[] {
  const r = lcg(7);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    return { x: +(r() * 4 + label * 3).toFixed(3), y: +(r() * 4 - label * 2).toFixed(3), label, method: i % 3 === 0 ? 'SpotFake+' : 'BMLHF' };
  });
}
