/**
 * Colour-blind-safe categorical palette (Okabe & Ito, 2008), reordered so
 * the first colours stay distinct under deuteranopia/protanopia and in
 * greyscale print; yellow comes late because it is faint on white.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;

/** Default figure size: the width of a notebook output cell / a paper column at 100 dpi. */
export const WIDTH = 640;
export const HEIGHT = 400;

/**
 * Beyond PALETTE's 8: Paul Tol's "muted" scheme and four more, none repeating an earlier colour, so a chart
 * of up to 20 series never gives two of them one colour (HMS's every-model panel has 15).
 */
export const PALETTE_EXTENDED = [...PALETTE, '#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499', '#8C564B', '#7F7F7F', '#BCBD22'] as const;

/**
 * Colour scale options for categorical series (domain order = first appearance, not sorted). Every series
 * gets its own colour: more series than PALETTE_EXTENDED has colours is an error (facet the chart instead).
 */
export function categorical(domain: readonly unknown[]): { type: 'ordinal'; domain: unknown[]; range: string[] } {
  const unique = [...new Set(domain)];
  if (unique.length > PALETTE_EXTENDED.length) throw new Error(`a chart with ${unique.length} series: at most ${PALETTE_EXTENDED.length} have distinct colours; facet it or group the series`);
  return { type: 'ordinal', domain: unique, range: [...(unique.length <= PALETTE.length ? PALETTE : PALETTE_EXTENDED)].slice(0, Math.max(unique.length, 1)) };
}

/** Options every builder takes: the text around the chart and its size. */
export interface FrameOptions {
  title?: string;
  subtitle?: string;
  caption?: string;
  width?: number;
  height?: number;
}

export function frame(o: FrameOptions, height = HEIGHT): { title?: string; subtitle?: string; caption?: string; width: number; height: number } {
  return { title: o.title, subtitle: o.subtitle, caption: o.caption, width: o.width ?? WIDTH, height: o.height ?? height };
}
