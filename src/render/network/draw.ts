/**
 * Drawing the network view: the landscape plane's contours, the runs' projected paths up to the
 * step on screen, and a run's decision regions over the data. Given data, it draws.
 */
import type { ContourBands } from '../../core/contours/bands.ts';
import type { Extent } from '../../core/geometry.ts';
import type { Network } from '../../core/nn/network.ts';
import { drawContours } from '../contours/draw.ts';
import { traceMarker, type RunStyle } from '../runStyle.ts';

export interface CanvasBox {
  width: number;
  height: number;
  dpr: number;
}

/** World (α, β) → CSS pixels over `extent`, β up. */
export function planeToPixel(extent: Extent, { width, height }: CanvasBox) {
  return {
    x: (a: number) => ((a - extent.xMin) / (extent.xMax - extent.xMin)) * width,
    y: (b: number) => height - ((b - extent.yMin) / (extent.yMax - extent.yMin)) * height,
  };
}

/** Prepares a canvas for drawing in CSS pixels at the box's size and pixel ratio. */
export function fitCanvas(canvas: HTMLCanvasElement, box: CanvasBox): CanvasRenderingContext2D {
  const width = Math.round(box.width * box.dpr);
  const height = Math.round(box.height * box.dpr);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.setTransform(box.dpr, 0, 0, box.dpr, 0, 0);
  return context;
}

export function drawPlaneContours(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  bands: ContourBands | null,
): void {
  const context = fitCanvas(canvas, box);
  context.clearRect(0, 0, box.width, box.height);
  if (!bands) {
    context.fillStyle = '#f4f4f4';
    context.fillRect(0, 0, box.width, box.height);
    return;
  }
  drawContours(context, bands, planeToPixel(bands.extent, box), { dpr: box.dpr });
}

/**
 * Each run's path (α, β per step) from step 0 to `step`, with its marker where it is now and a ring at
 * its start. Non-finite points are skipped.
 */
export function drawPlanePaths(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  extent: Extent,
  paths: readonly Float64Array[],
  styles: readonly RunStyle[],
  step: number,
): void {
  const context = fitCanvas(canvas, box);
  context.clearRect(0, 0, box.width, box.height);
  const toPixel = planeToPixel(extent, box);
  paths.forEach((points, r) => {
    const last = Math.min(step, points.length / 2 - 1);
    context.strokeStyle = styles[r].color;
    context.lineWidth = 2;
    context.beginPath();
    for (let k = 0; k <= last; k++) {
      const [a, b] = [points[2 * k], points[2 * k + 1]];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      if (k === 0) context.moveTo(toPixel.x(a), toPixel.y(b));
      else context.lineTo(toPixel.x(a), toPixel.y(b));
    }
    context.stroke();
    const [a, b] = [points[2 * last], points[2 * last + 1]];
    // The run's own marker, as on the surfaces' plots and in the legend.
    context.fillStyle = styles[r].color;
    context.strokeStyle = '#ffffff';
    context.lineWidth = 1.5;
    context.beginPath();
    traceMarker(context, styles[r].shape, toPixel.x(a), toPixel.y(b), 6);
    context.fill();
    context.stroke();
  });
  if (paths.length > 0) {
    context.strokeStyle = '#222222';
    context.lineWidth = 1.5;
    context.beginPath();
    context.arc(toPixel.x(paths[0][0]), toPixel.y(paths[0][1]), 6, 0, 2 * Math.PI);
    context.stroke();
  }
}

/**
 * Each run's train (solid) and test (dashed) loss per step, from step 0 at the left to the last
 * at the right, on a scale from 0 to the largest finite train loss.
 */
export function drawLossCurves(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  histories: readonly { trainLoss: Float64Array; testLoss: Float64Array }[],
  colours: readonly string[],
): void {
  const context = fitCanvas(canvas, box);
  context.clearRect(0, 0, box.width, box.height);
  let max = 0;
  for (const h of histories)
    for (const v of h.trainLoss) if (Number.isFinite(v)) max = Math.max(max, v);
  const steps = Math.max(1, (histories[0]?.trainLoss.length ?? 2) - 1);
  const x = (k: number) => (k / steps) * (box.width - 8) + 4;
  const y = (v: number) => box.height - 6 - (v / (max || 1)) * (box.height - 12);
  histories.forEach((h, r) => {
    for (const [series, dash] of [
      [h.trainLoss, []],
      [h.testLoss, [4, 3]],
    ] as const) {
      context.strokeStyle = colours[r];
      context.setLineDash(dash);
      context.lineWidth = 1.5;
      context.beginPath();
      let started = false;
      series.forEach((v, k) => {
        if (!Number.isFinite(v)) return;
        if (started) context.lineTo(x(k), y(v));
        else context.moveTo(x(k), y(v));
        started = true;
      });
      context.stroke();
    }
  });
  context.setLineDash([]);
}

/** Class colours for decision regions (light) and samples (strong), colour-blind-safe pairs. */
const CLASS_FILL = ['#cfe3f5', '#f8dcc0', '#d5efd9'];
const CLASS_POINT = ['#0072b2', '#d55e00', '#009e73'];

/** CLASS_FILL as RGB bytes, for writing the cells as pixels. */
const CLASS_FILL_RGB = CLASS_FILL.map((hex) =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)),
);
/** The data's extent with a margin, shared by every run's decision canvas. */
export function dataExtent(inputs: Float64Array): Extent {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < inputs.length; i += 2) {
    xMin = Math.min(xMin, inputs[i]);
    xMax = Math.max(xMax, inputs[i]);
    yMin = Math.min(yMin, inputs[i + 1]);
    yMax = Math.max(yMax, inputs[i + 1]);
  }
  const margin = 0.15 * Math.max(xMax - xMin, yMax - yMin, 0.5);
  return { xMin: xMin - margin, xMax: xMax + margin, yMin: yMin - margin, yMax: yMax + margin };
}

/** Cells per side of a decision canvas: enough to see the boundary's shape, cheap per update. */
export const DECISION_CELLS = 36;

/** The samples as dots on a transparent layer, drawn once per network, extent and box. */
const sampleLayers = new WeakMap<Network, { key: string; layer: HTMLCanvasElement }>();

function samplesLayer(network: Network, extent: Extent, box: CanvasBox): HTMLCanvasElement {
  const key = JSON.stringify([extent, box]);
  const cached = sampleLayers.get(network);
  if (cached?.key === key) return cached.layer;
  const layer = document.createElement('canvas');
  const context = fitCanvas(layer, box);
  const { inputs, targets } = network.samples;
  const toPixel = planeToPixel(extent, box);
  for (let s = 0; s < targets.length; s++) {
    const target = targets[s];
    context.fillStyle = Number.isInteger(target) ? (CLASS_POINT[target] ?? '#333') : '#333';
    context.beginPath();
    context.arc(toPixel.x(inputs[2 * s]), toPixel.y(inputs[2 * s + 1]), 1.8, 0, 2 * Math.PI);
    context.fill();
  }
  sampleLayers.set(network, { key, layer });
  return layer;
}

/** An image of DECISION_CELLS² cells, for decisionCellRows. */
export const decisionImage = (): ImageData => new ImageData(DECISION_CELLS, DECISION_CELLS);

/**
 * The class the net predicts in rows `fromRow` to `toRow` (excluded) of the cells over `extent`,
 * as pixels of `image`. A few rows at a time, the first picture's forward passes (on code not yet
 * compiled: 9–13 ms at 1× CPU for all 36 rows, against about 1 ms once warm) fit in the frames
 * the page shows while a network trains.
 */
export function decisionCellRows(
  image: ImageData,
  network: Network,
  theta: Float64Array,
  extent: Extent,
  fromRow: number,
  toRow: number,
): void {
  const { data } = image;
  for (let j = fromRow; j < Math.min(toRow, DECISION_CELLS); j++) {
    const y = extent.yMax - ((j + 0.5) / DECISION_CELLS) * (extent.yMax - extent.yMin);
    for (let i = 0; i < DECISION_CELLS; i++) {
      const x = extent.xMin + ((i + 0.5) / DECISION_CELLS) * (extent.xMax - extent.xMin);
      const [r, g, b] = CLASS_FILL_RGB[network.predict(theta, x, y)] ?? CLASS_FILL_RGB[0];
      const pixel = 4 * (j * DECISION_CELLS + i);
      data[pixel] = r;
      data[pixel + 1] = g;
      data[pixel + 2] = b;
      data[pixel + 3] = 255;
    }
  }
}

/** A DECISION_CELLS² canvas the cells are put on, then scaled up from (shared). */
let cellCanvas: HTMLCanvasElement | null = null;
/** The cells drawDecisionRegions computes (shared: it draws them at once). */
let cellImage: ImageData | null = null;

/**
 * The cells of `image` scaled up onto `canvas`, then the samples coloured by their true class
 * (regression targets: all one colour). The cells are pixels of a small image and the samples a
 * layer drawn once: a few copies per update instead of thousands of shapes, as this runs several
 * times a second while the race plays.
 */
export function paintDecisionCells(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  image: ImageData,
  network: Network,
  extent: Extent,
): void {
  if (!cellCanvas) {
    cellCanvas = document.createElement('canvas');
    cellCanvas.width = DECISION_CELLS;
    cellCanvas.height = DECISION_CELLS;
  }
  cellCanvas.getContext('2d')!.putImageData(image, 0, 0);
  const context = fitCanvas(canvas, box);
  context.imageSmoothingEnabled = false;
  context.drawImage(cellCanvas, 0, 0, box.width, box.height);
  context.drawImage(samplesLayer(network, extent, box), 0, 0, box.width, box.height);
}

/** The class the net predicts over the data's extent, with the samples over it. */
export function drawDecisionRegions(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  network: Network,
  theta: Float64Array,
  extent: Extent,
): void {
  cellImage ??= decisionImage();
  decisionCellRows(cellImage, network, theta, extent, 0, DECISION_CELLS);
  paintDecisionCells(canvas, box, cellImage, network, extent);
}
