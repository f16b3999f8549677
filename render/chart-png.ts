import { Resvg } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import { chartSvg } from './chart-svg';
import { FONT_BOLD, FONT_FAMILY, FONT_REGULAR } from './fonts';

/**
 * A chart (render/charts.ts) as a PNG picture, for a format that takes no vector drawing (an XLSX sheet): the same
 * static SVG the PDFs carry, rasterised by resvg at `scale` times its size, its text set in the project's CJK font
 * (the machine's fonts are never looked at).
 */
export function chartPng(option: EChartsOption, width: number, height: number, scale = 2): Buffer {
  const svg = new Resvg(chartSvg(option, width, height), {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_REGULAR, FONT_BOLD],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return svg.render().asPng();
}
