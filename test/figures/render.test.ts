import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { renderSvg, roundCoordinates, svgToPng, writeFigure } from '../../lib/figures/render';
import { stableIds } from '../../lib/figures/standalone';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const options = (): Plot.PlotOptions => ({
  title: 'Tom & Jerry <3',
  color: { legend: true },
  marks: [Plot.barY([{ a: 'x', b: 1, c: 's1' }, { a: 'y', b: 2, c: 's2' }], { x: 'a', y: 'b', fill: 'c', clip: true })],
});

describe('renderSvg', () => {
  it('gives a standalone SVG document (xmlns, no HTML figure, escaped text)', () => {
    const svg = renderSvg(options());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<figure|<h2|<div|<span/);
    expect(svg).toContain('Tom &amp; Jerry &lt;3');
    expect(svg).toContain('>s1</text>'); // legend drawn as SVG text
  });

  it('is byte-identical across calls although Plot counts clip ids globally', () => {
    const a = renderSvg(options());
    const b = renderSvg(options());
    expect(a).toBe(b);
    expect(a).toMatch(/id="plot-clip-[0-9a-f]{8}-1"/);
    expect(a).not.toMatch(/plot-clip-\d+"/);
  });

  it('gives different figures different ids (inline figures in one page must not share clips)', () => {
    const other = renderSvg({ ...options(), title: 'another' });
    const id = (s: string) => /id="(plot-clip-[^"]+)"/.exec(s)![1];
    expect(id(other)).not.toBe(id(renderSvg(options())));
  });

  it('renames every occurrence of an id consistently', () => {
    const s = stableIds('<clipPath id="plot-clip-7"/><g clip-path="url(#plot-clip-7)"/><clipPath id="plot-clip-9"/>');
    const ids = [...s.matchAll(/plot-clip-[0-9a-f]{8}-(\d)/g)].map((m) => m[1]);
    expect(ids).toEqual(['1', '1', '2']);
  });
});

describe('PNG', () => {
  it('renders a valid, non-trivial PNG at the requested scale', () => {
    const png = svgToPng(renderSvg(options()), { scale: 1.5 });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(5_000);
    // IHDR width: 640 px × 1.5
    expect(png.readUInt32BE(16)).toBe(960);
  });

  it('writeFigure writes <name>.svg and <name>.png and leaves no temp files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-fig-'));
    const files = writeFigure(path.join(dir, 'bmlhf'), 'fig1', options());
    expect(files.map((f) => path.basename(f))).toEqual(['fig1.svg', 'fig1.png']);
    expect(fs.readdirSync(path.join(dir, 'bmlhf')).sort()).toEqual(['fig1.png', 'fig1.svg']);
    expect(fs.readFileSync(files[0], 'utf8')).toBe(renderSvg(options()));
    expect(fs.readFileSync(files[1]).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('roundCoordinates', () => {
  it('cuts geometry attributes to 0.1 px and leaves text content and short numbers alone', () => {
    const svg = '<g transform="translate(40,221.995199519952)"><path d="M0,0L-6,77.98079807980797" /><text x="3.5" y="0.32em">0.540123</text></g>';
    expect(roundCoordinates(svg)).toBe('<g transform="translate(40,221.9)"><path d="M0,0L-6,77.9" /><text x="3.5" y="0.32em">0.540123</text></g>');
  });
});
