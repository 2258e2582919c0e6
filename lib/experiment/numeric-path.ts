/**
 * Which numeric path computed a run ('wasm', 'wasm+openblas', 'tensorflow', …;
 * lib/backend numericPath()) is part of its record (RunResult.numericPath) and
 * of its results-cache key, next to the spec hash: the paths round GEMMs
 * differently, so a result computed on one must never stand in for the
 * other's. Kept apart from specHash (which names the *experiment*; the same
 * spec on two paths is the same experiment, computed twice).
 */

/** The cache key of a run: `<specHash>@<numericPath>`. */
export function resultKey(hash: string, numericPath: string): string {
  if (!/^[a-z0-9+._-]+$/i.test(numericPath)) throw new Error(`resultKey: numeric path '${numericPath}' has characters unfit for a file name`);
  return `${hash}@${numericPath}`;
}

/** The path a result was computed on; results from before the field existed were all computed on wasm. */
export function pathOf(r: { numericPath?: string }): string {
  return r.numericPath ?? 'wasm';
}
