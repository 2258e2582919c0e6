/**
 * Colour-blind-safe categorical palette (Okabe & Ito, 2008), reordered so
 * the first colours stay distinct under deuteranopia/protanopia and in
 * greyscale print; yellow comes late because it is faint on white.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;

/** Default figure size: the width of a notebook output cell / a paper column at 100 dpi. */
export const WIDTH = 640;
export const HEIGHT = 400;

/** Colour scale options for categorical series (domain order = first appearance, not sorted). */
export function categorical(domain: readonly unknown[]): { type: 'ordinal'; domain: unknown[]; range: string[] } {
  return { type: 'ordinal', domain: [...domain], range: [...PALETTE] };
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
