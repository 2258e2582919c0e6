/**
 * Number formatting for results tables: one convention everywhere, so the
 * Markdown tables, claims and figure labels agree digit for digit.
 */

/** `0.912 ± 0.009` (3 decimals by default); std null/undefined → mean alone (a single seed has no spread). */
export function fmt(mean: number, std?: number | null, digits = 3): string {
  if (!Number.isFinite(mean)) throw new Error(`fmt: mean is ${mean} (std ${std}); refusing to print a non-number into a table`);
  if (std === undefined || std === null) return mean.toFixed(digits);
  if (!Number.isFinite(std) || std < 0) throw new Error(`fmt: std is ${std} for mean ${mean}`);
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}

/** Signed difference, `+0.012` / `-0.034` / `0.000` (no sign on a rounded zero, so no "-0.000"). */
export function fmtDiff(diff: number, digits = 3): string {
  if (!Number.isFinite(diff)) throw new Error(`fmtDiff: difference is ${diff}`);
  const s = diff.toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return diff > 0 ? `+${s}` : s;
}

/**
 * Sample standard deviation (n − 1 denominator, Bessel's correction) — the
 * convention of lib/eval/metrics meanStd and of Arquero's op.stdev, and what
 * papers mean by "± std over seeds". Fewer than two values → null.
 */
export function sampleStd(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
}
