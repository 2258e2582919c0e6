/**
 * Text normalisation shared by the text extractors, documented in
 * docs/FEATURES.md:
 *  1. Unicode NFKC (full-width Latin / digits → ASCII, ligatures split), so
 *     Weibo's full-width punctuation and Twitter's ASCII hit the same n-grams;
 *  2. URLs (`http(s)://…`, `www.…`, including t.co links) → one private-use
 *     marker character U+E000: the presence of a link is kept as a signal,
 *     the random shortener path is not (it would only add noise buckets);
 *  3. lowercase (locale-independent, Unicode-aware `toLowerCase`);
 *  4. every whitespace run → one space, trimmed.
 */
export const URL_MARK = '\uE000';
const URL_RE = /(?:https?:\/\/|www\.)[^\s]+/giu;
const WS_RE = /\s+/gu;

export function normaliseText(s: string): string {
  return s.normalize('NFKC').replace(URL_RE, ` ${URL_MARK} `).toLowerCase().replace(WS_RE, ' ').trim();
}

/** Unicode code points of a string (surrogate pairs joined). */
export function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (const ch of s) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}

const LETTER_RE = /\p{L}/u;
const LATIN_RE = /\p{Script=Latin}/u;

/**
 * Fraction of letters that are Latin script (0 when there are no letters).
 * Why a script test and not a language identifier: it is deterministic, has
 * no model, and is all we need to keep Chinese/Japanese/Arabic... posts away
 * from an English-only vocabulary (they would hit only stray tokens).
 */
export function latinFraction(s: string): number {
  let letters = 0,
    latin = 0;
  for (const ch of s) {
    if (!LETTER_RE.test(ch)) continue;
    letters++;
    if (LATIN_RE.test(ch)) latin++;
  }
  return letters === 0 ? 0 : latin / letters;
}

/** Word tokens: runs of letters/digits, with inner apostrophes or hyphens (don't, covid-19). */
const WORD_RE = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

export function wordTokens(normalised: string): string[] {
  return (normalised.match(WORD_RE) ?? []).map((t) => t.replace(/’/g, "'"));
}
