import { describe, expect, it } from 'vitest';
import { mostlyNonLatin } from '../../lib/features/text-views';
import { fitWordTfidf, loadJieba, transformWordTfidf, wordNgramCounts, wordsOf, WORD_TFIDF_DEFAULTS, wordTfidfName } from '../../lib/features/word-tfidf';
import { URL_MARK } from '../../lib/features/text-normalise';

describe('word TF-IDF (textSemantic for non-Latin datasets)', () => {
  it('segments Han runs with jieba, keeps Latin words and one URL token', async () => {
    const seg = await loadJieba();
    expect(wordsOf('【转发】今天北京地震了 http://t.cn/abc COVID-19', seg)).toEqual(['转发', '今天', '北京', '地震', '了', URL_MARK, 'covid-19']);
    expect(wordsOf('', seg)).toEqual([]);
  });

  it('word bigrams are distinct features from the words', () => {
    const o = WORD_TFIDF_DEFAULTS;
    expect(wordNgramCounts(['a', 'b'], o).idx.length).toBe(3);
    expect(wordNgramCounts(['a', 'b'], { ...o, nMax: 1 }).idx.length).toBe(2);
  });

  it('rows are unit-norm and not all zero on Chinese; a dataset of mostly Han text is detected', async () => {
    const seg = await loadJieba();
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? `网传某地发生地震，系谣言 ${i % 3}` : `今天北京天气很好，适合出行 ${i % 4}`));
    expect(mostlyNonLatin(texts)).toBe(true);
    expect(mostlyNonLatin(['Shark on the highway', '真的吗', 'Photo'])).toBe(false);
    const words = texts.map((t) => wordsOf(t, seg));
    const m = fitWordTfidf(words, { outDim: 4 });
    expect(wordTfidfName(m.options)).toBe('word-ngram1-2-tfidf-lsa4');
    const x = transformWordTfidf(m, words);
    for (let i = 0; i < 40; i++) expect(Math.hypot(...x.subarray(i * 4, i * 4 + 4))).toBeCloseTo(1, 5);
  });
});
