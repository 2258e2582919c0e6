/**
 * Loader options, checked. Options arrive from notebooks, run specs (JSON)
 * and the command line, where TypeScript's types do not reach: a misspelt or
 * misplaced option (`{ year: 2015 }` given to a loader that has no year)
 * would otherwise be ignored and load the default data without a word.
 */

/** Accepted values of one option: a list of values, or a type. */
export type OptionRule = readonly (string | number | boolean)[] | 'string' | 'boolean' | 'string[]';

/** Options every loader accepts (see BaseLoadOptions in ./common). */
export const BASE_OPTION_RULES: Record<string, OptionRule> = { dataDir: 'string', quiet: 'boolean', strict: 'boolean' };

/**
 * Throws on an option the loader does not know (naming it and the known
 * ones) or a value it does not accept (naming the accepted ones). An option
 * set to `undefined` counts as absent.
 */
export function checkOptions(loader: string, opts: object | undefined, rules: Record<string, OptionRule>): void {
  const all: Record<string, OptionRule> = { ...BASE_OPTION_RULES, ...rules };
  const known = Object.keys(all);
  for (const [k, v] of Object.entries(opts ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(all, k)) {
      throw new Error(`${loader}: unknown option '${k}'; known options: ${known.join(', ')}`);
    }
    if (v === undefined) continue;
    const rule = all[k];
    if (Array.isArray(rule)) {
      if (!(rule as readonly unknown[]).includes(v)) throw new Error(`${loader}: option '${k}' is ${JSON.stringify(v)}; expected one of ${rule.map((x) => JSON.stringify(x)).join(', ')}`);
    } else if (rule === 'string[]') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${loader}: option '${k}' is ${JSON.stringify(v)}; expected an array of strings`);
    } else if (typeof v !== rule) {
      throw new Error(`${loader}: option '${k}' is ${JSON.stringify(v)}; expected a ${rule}`);
    }
  }
}
