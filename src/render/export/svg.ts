/**
 * The plot as a standalone SVG document: vector contour bands and lines, axes, minima, each visible
 * run's paths as polylines up to `step`, the heads as the runs' markers, and the legend.
 */
import { runStyle, trailLook, traceMarker } from '../runStyle.ts';
import { paintBackground, paintLegend, visibleRuns, type ExportPlot } from './plotPainter.ts';
import { escapeXml, SvgContext } from './svgContext.ts';

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function plotToSvg(plot: ExportPlot, step: number): string {
  const { viewport, surface } = plot;
  const ctx = new SvgContext();
  paintBackground(ctx, plot, 1);
  const background = ctx.elements.splice(0);

  const trails: string[] = [];
  const heads = new SvgContext();
  for (const [run, index] of visibleRuns(plot)) {
    const { color, shape } = runStyle(index);
    const look = trailLook(run.particles);
    const last = Math.min(step, run.steps);
    const lines: string[] = [];
    heads.beginPath();
    for (let p = 0; p < run.particles; p++) {
      const diverged = run.divergedAt[p];
      const end = diverged >= 0 && diverged <= last ? Math.max(0, diverged - 1) : last;
      const points: string[] = [];
      for (let k = 0; k <= end; k++) {
        const x = viewport.toPixelX(run.positions.get(k, 2 * p));
        const y = viewport.toPixelY(run.positions.get(k, 2 * p + 1));
        points.push(`${round(x)},${round(y)}`);
      }
      lines.push(`<polyline points="${points.join(' ')}"/>`);
      traceMarker(
        heads,
        shape,
        viewport.toPixelX(run.positions.get(end, 2 * p)),
        viewport.toPixelY(run.positions.get(end, 2 * p + 1)),
        look.markerRadius,
      );
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
