/**
 * What an exported picture shows besides the moving parts: contour bands, the axes' ticks (the same
 * ones as the plot's SVG axes), the known minima, and a legend with the step. Painted through
 * `PlotContext`, so PNG, GIF, WebM and SVG look alike.
 */
import type { ResolvedSurface } from '../../core/scene/resolve.ts';
import type { Scene, View3d } from '../../core/scene/scene.ts';
import type { SurfaceMesh } from '../../core/surface3d/mesh.ts';
import type { Simulation } from '../../core/sim/simulation.ts';
import { AXIS_LAYOUT, axisTicks } from '../axisTicks.ts';
import { AXIS_FONT_PX } from '../chartAxes.ts';
import type { ContourBands } from '../../core/contours/bands.ts';
import { drawContours } from '../contours/draw.ts';
import { runStyle, traceMarker } from '../runStyle.ts';
import type { Viewport } from '../viewport.ts';
import type { PlotContext } from './plotContext.ts';

/** The 3D view an export shows: the mesh on screen and the scene's camera, heights and lift. */
export interface Export3d {
  mesh: SurfaceMesh;
  view: View3d;
}

/** Everything needed to draw a plot away from the screen. Sizes are CSS pixels. */
export interface ExportPlot {
  surface: ResolvedSurface;
  scene: Scene;
  simulation: Simulation;
  viewport: Viewport;
  bands: ContourBands;
  /** Present when the plot is shown in 3D: PNG, GIF and WebM then show the 3D view. */
  view3d?: Export3d;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const HALO = 'rgba(255, 255, 255, 0.85)';

/** [run, its index in the scene] for every visible run. */
export function visibleRuns(plot: ExportPlot): [Simulation['runs'][number], number][] {
  return plot.scene.runs.flatMap((sceneRun, index) => {
    const run = plot.simulation.runs[index];
    return sceneRun.visible && run ? [[run, index] as [typeof run, number]] : [];
  });
}

function haloText(ctx: PlotContext, text: string, x: number, y: number, colour: string): void {
  ctx.lineWidth = 3;
  ctx.strokeStyle = HALO;
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/** Contours, axes and minima markers: the part of a plot that does not move. */
export function paintBackground(ctx: PlotContext, plot: ExportPlot, pixelRatio: number): void {
  const { viewport, bands, surface } = plot;
  drawContours(
    ctx,
    bands,
    { x: (x) => viewport.toPixelX(x), y: (y) => viewport.toPixelY(y) },
    { dpr: pixelRatio },
  );
  const { width, height } = viewport;
  const ticks = axisTicks(viewport);
  ctx.font = `${AXIS_FONT_PX}px ${FONT}`;
  ctx.lineCap = 'butt';
  ctx.beginPath();
  for (const { pixel } of ticks.x) {
    ctx.moveTo(pixel, height);
    ctx.lineTo(pixel, height - AXIS_LAYOUT.tickLength);
  }
  for (const { pixel } of ticks.y) {
    ctx.moveTo(0, pixel);
    ctx.lineTo(AXIS_LAYOUT.tickLength, pixel);
  }
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#333';
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const { pixel, label } of ticks.x)
    haloText(ctx, label, pixel, height - AXIS_LAYOUT.xLabelRise, '#222');
  ctx.textAlign = 'left';
  for (const { pixel, label } of ticks.y)
    haloText(ctx, label, AXIS_LAYOUT.yLabelIndent, pixel - AXIS_LAYOUT.yLabelRise, '#222');

  ctx.lineCap = 'round';
  for (const global of [false, true]) {
    ctx.beginPath();
    for (const minimum of surface.minima) {
      if (minimum.global !== global) continue;
      const x = viewport.toPixelX(minimum.point[0]);
      const y = viewport.toPixelY(minimum.point[1]);
      if (x < -5 || y < -5 || x > width + 5 || y > height + 5) continue;
      ctx.moveTo(x - 5, y - 5);
      ctx.lineTo(x + 5, y + 5);
      ctx.moveTo(x - 5, y + 5);
      ctx.lineTo(x + 5, y - 5);
    }
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = global ? 4.5 : 3.5;
    ctx.stroke();
    ctx.strokeStyle = global ? '#111' : '#444';
    ctx.lineWidth = global ? 2.5 : 1.5;
    ctx.stroke();
  }
}

const LEGEND_ROWS = 8;

/** The runs' markers and names, and the step, in the top-right corner (the axes' labels are left). */
export function paintLegend(ctx: PlotContext, plot: ExportPlot, step: number): void {
  const runs = visibleRuns(plot);
  const lines = runs.slice(0, LEGEND_ROWS).map(([, index]) => plot.scene.runs[index].label);
  if (runs.length > LEGEND_ROWS) lines.push(`and ${runs.length - LEGEND_ROWS} more`);
  const stepText = `step ${step} / ${plot.simulation.stepBudget}`;
  ctx.font = `600 12px ${FONT}`;
  const rowHeight = 17;
  const textWidth = Math.max(...[...lines, stepText].map((line) => ctx.measureText(line).width));
  const boxWidth = textWidth + 34;
  const boxHeight = (lines.length + 1) * rowHeight + 8;
  const left = Math.max(0, plot.viewport.width - boxWidth - 6);
  ctx.globalAlpha = 1;
  ctx.fillStyle = HALO;
  ctx.fillRect(left, 6, boxWidth, boxHeight);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  lines.forEach((line, row) => {
    const y = 6 + 4 + rowHeight * (row + 0.5);
    if (row < LEGEND_ROWS) {
      const { color, shape } = runStyle(plot.scene.runs, runs[row][1]);
      ctx.beginPath();
      traceMarker(ctx, shape, left + 12, y, 5);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    ctx.fillStyle = '#1d2330';
    ctx.fillText(line, left + 24, y);
  });
  ctx.fillStyle = '#5b6475';
  ctx.fillText(stepText, left + 6, 6 + 4 + rowHeight * (lines.length + 0.5));
}
