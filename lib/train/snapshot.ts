import { tf } from '../backend/index';

/** Copies of variable values, for restoring the best-on-validation weights. */
export interface Snapshot {
  values: tf.Tensor[];
  dispose(): void;
}

export function snapshot(vars: tf.Variable[]): Snapshot {
  const values = vars.map((v) => tf.keep(v.clone()));
  return { values, dispose: () => tf.dispose(values) };
}

export function restore(vars: tf.Variable[], s: Snapshot): void {
  vars.forEach((v, i) => v.assign(s.values[i]));
}
