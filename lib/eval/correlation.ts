/** Pearson correlation of two equal-length series (0 when either is constant): COOLANT's attention vs ambiguity, HMS's head share vs unimodal drop. */
export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n !== y.length || n < 2) throw new Error(`pearson: ${x.length} vs ${y.length} values`);
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const mx = mean(x),
    my = mean(y);
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
