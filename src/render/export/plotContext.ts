import type { ContourContext } from '../contours/draw.ts';
import type { MarkerPath } from '../runStyle.ts';

/**
 * The 2D drawing calls an exported plot uses. A canvas context has them all; `SvgContext` records
 * them as SVG elements, so the static parts of a plot (contours, axes, minima, legend) are painted
 * by one piece of code into PNG, GIF, WebM and SVG alike.
 */
export type PlotContext = ContourContext &
  MarkerPath &
  Pick<
    CanvasRenderingContext2D,
    | 'fillText'
    | 'strokeText'
    | 'measureText'
    | 'font'
    | 'textAlign'
    | 'textBaseline'
    | 'lineCap'
    | 'globalAlpha'
  >;
