/** Figures: Plot options → standalone SVG/PNG, and one builder per chart kind. */
export { renderSvg, svgToPng, writeFigure, type PlotOptions, type PngOptions, type RenderOptions } from './render';
export { standalone, stableIds, escapeXml, type Frame, type Legend, type Swatch } from './standalone';
export { PALETTE, WIDTH, HEIGHT, categorical, type FrameOptions } from './defaults';
export { toRows, type Data, type Row, type TableLike } from './rows';
export { barChart, barPlot, type BarOptions } from './bar';
export { lineChart, linePlot, type LineOptions } from './line';
export { scatterChart, scatterPlot, type ScatterOptions } from './scatter';
export { heatmapChart, heatmapPlot, type HeatmapOptions } from './heatmap';
