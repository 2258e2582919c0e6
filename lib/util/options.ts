/**
 * Drop the keys whose value is `undefined`, so `{ ...DEFAULTS, ...definedOnly(options) }` keeps a
 * default where a caller passed `x: undefined` (e.g. `batchSize: spec.train.batchSize` when the spec
 * has none): a plain spread would overwrite the default with undefined.
 */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
