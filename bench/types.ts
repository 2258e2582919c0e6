/**
 * Benchmark registry types. A suite measures something and returns rows;
 * bin/bench.ts runs the registered suites (bench/suites.ts) and prints one
 * table. Rows of one suite that share a `workload` are compared against the
 * row marked `ref` (the "vs ref" column = value / ref value).
 */
export interface BenchRow {
  /** what was run, e.g. 'MLP 768→384→10' */
  workload: string;
  /** how it was run, e.g. 'tfjs wasm + matMul fix', 'PyTorch 1.13 OpenBLAS, 1 thread' */
  impl: string;
  value: number;
  /** e.g. 'steps/s', 'images/s', 's/epoch' */
  unit: string;
  /** higher is better for rates; set false for times (s/epoch) so ratios read right */
  higherIsBetter?: boolean;
  /** the reference row of this workload (at most one per workload) */
  ref?: boolean;
  note?: string;
}

export interface BenchOptions {
  /** measuring time per (workload, impl) in seconds, after warm-up */
  seconds: number;
  /** record a line printed under the table (what was skipped, which BLAS, ...) */
  note: (line: string) => void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(opts: BenchOptions): Promise<BenchRow[]>;
}
