/**
 * The plot as a standalone SVG document: vector contour bands and lines, axes, minima, each visible
 * run's paths up to `step` clipped to the picture, the heads as the runs' markers, and the legend.
 */
import { runStyle, trailLook, traceMarker } from '../runStyle.ts';
import { traceClippedTrail, widenedExtent, type PathSink } from '../trail.ts';
import { paintBackground, paintLegend, visibleRuns, type ExportPlot } from './plotPainter.ts';
import { escapeXml, SvgContext } from './svgContext.ts';

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Records a path as SVG path data. */
class PathData implements PathSink {
  d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${round(x)} ${round(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${round(x)} ${round(y)}`;
  }
}

/** Trails are clipped this far outside the picture (CSS px), as on screen. */
const CLIP_MARGIN_PX = 8;

export function plotToSvg(plot: ExportPlot, step: number): string {
  const { viewport, surface } = plot;
  const ctx = new SvgContext();
  paintBackground(ctx, plot, 1);
  const background = ctx.elements.splice(0);

  const trails: string[] = [];
  const heads = new SvgContext();
  const region = widenedExtent(viewport, CLIP_MARGIN_PX);
  const scratch = new Float64Array(4);
  for (const [run, index] of visibleRuns(plot)) {
    const { color, shape } = runStyle(plot.scene.runs, index);
    const look = trailLook(run.particles);
    const last = Math.min(step, run.steps);
    const lines: string[] = [];
    heads.beginPath();
    for (let p = 0; p < run.particles; p++) {
      const diverged = run.divergedAt[p];
      const end = diverged >= 0 && diverged <= last ? Math.max(0, diverged - 1) : last;
      const path = new PathData();
      traceClippedTrail(path, run.positions, p, 0, end, viewport, region, scratch);
      if (path.d !== '') lines.push(`<path d="${path.d}"/>`);
      const x = run.positions.get(end, 2 * p);
      const y = run.positions.get(end, 2 * p + 1);
      const inView = x >= region.xMin && x <= region.xMax && y >= region.yMin && y <= region.yMax;
      if (inView) {
        traceMarker(heads, shape, viewport.toPixelX(x), viewport.toPixelY(y), look.markerRadius);
      }
    }
    const label = escapeXml(plot.scene.runs[index].label);
    if (!look.crowded) {
      // A light halo under the coloured line, as on screen, so trails read on every band.
      trails.push(
        `<g stroke="#fff" stroke-opacity="0.85" stroke-width="${look.haloWidth}">${lines.join('')}</g>`,
      );
    }
    const { opacity } = look;
    trails.push(
      `<g stroke="${color}" stroke-width="${look.width}"${opacity < 1 ? ` stroke-opacity="${round(opacity)}"` : ''}><title>${label}</title>${lines.join('')}</g>`,
    );
    heads.fillStyle = color;
    heads.fill();
    heads.lineWidth = 1.5;
    heads.strokeStyle = '#fff';
    heads.stroke();
  }
  paintLegend(ctx, plot, step);

  const { width, height } = viewport;
  const title = `Descent Lab: ${visibleRuns(plot)
    .map(([, index]) => plot.scene.runs[index].label)
    .join(', ')} on ${surface.name}, step ${step}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<g id="background">${background.join('')}</g>`,
    `<g id="trails" fill="none" stroke-linejoin="round" stroke-linecap="round">${trails.join('')}</g>`,
    `<g id="heads">${heads.elements.join('')}</g>`,
    `<g id="legend">${ctx.elements.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
