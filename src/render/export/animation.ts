/**
 * A run as an animation: an animated GIF (our encoder, core/export/gif.ts) or a WebM video
 * (MediaRecorder on the canvas's captureStream). Frames are rendered from the simulation's history,
 * one at a time with a pause for the browser between them, so the page stays responsive and a
 * Cancel button works; `signal` aborts between two frames.
 */
import { frameSteps } from '../../core/export/frames.ts';
import {
  GifEncoder,
  medianCutPalette,
  PALETTE_COLOURS,
  PaletteMapper,
} from '../../core/export/gif.ts';
import { hexChannels, RUN_COLORS } from '../runStyle.ts';
import type { ExportPlot } from './plotPainter.ts';
import type { FrameRasterizer } from './raster.ts';
import { rasterizerFor } from './raster3d.ts';

export interface AnimationOptions {
  /** The last step shown (the first is 0). */
  lastStep: number;
  frames: number;
  fps: number;
  /** Backing-store pixels per CSS pixel. */
  pixelRatio: number;
  /** A 3D view's turn of the camera from the first frame to the last, degrees (0: none). */
  orbitDegrees?: number;
}

export type ProgressListener = (framesDone: number, frames: number) => void;

/** Seconds the last frame of a GIF stays up before the loop starts again. */
const GIF_FINAL_HOLD_SECONDS = 2;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('The export was cancelled', 'AbortError');
}

export async function recordGif(
  plot: ExportPlot,
  options: AnimationOptions,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<Blob> {
  const steps = frameSteps(options.lastStep, options.frames);
  const rasterizer = rasterizerFor(plot, options.pixelRatio, options.orbitDegrees);
  try {
    return await encodeGif(rasterizer, steps, options, onProgress, signal);
  } finally {
    rasterizer.dispose?.();
  }
}

/** The fraction of an animation frame `i` of `count` is at: 0 for the first, 1 for the last. */
function progressOf(i: number, count: number): number {
  return count > 1 ? i / (count - 1) : 0;
}

async function encodeGif(
  rasterizer: FrameRasterizer,
  steps: readonly number[],
  options: AnimationOptions,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<Blob> {
  const context = rasterizer.canvas.getContext('2d', { willReadFrequently: true })!;
  const { width, height } = rasterizer.canvas;
  let encoder: GifEncoder | null = null;
  let mapper: PaletteMapper | null = null;
  const indices = new Uint8Array(width * height);
  const delay = Math.round(100 / options.fps);
  for (let i = 0; i < steps.length; i++) {
    throwIfAborted(signal);
    rasterizer.render(steps[i], progressOf(i, steps.length));
    const pixels = context.getImageData(0, 0, width, height).data;
    if (!encoder || !mapper) {
      // The first frame has every band; the runs' colours, white and the inks are kept exact.
      const forced = [
        ...RUN_COLORS.map(hexChannels),
        hexChannels('#ffffff'),
        hexChannels('#111111'),
      ];
      const palette = medianCutPalette([pixels], PALETTE_COLOURS, forced);
      encoder = new GifEncoder({ width, height, palette });
      mapper = new PaletteMapper(palette);
    }
    mapper.map(pixels, indices);
    const last = i === steps.length - 1;
    encoder.addFrame(indices, last ? Math.max(delay, GIF_FINAL_HOLD_SECONDS * 100) : delay);
    onProgress(i + 1, steps.length);
    await pause(0);
  }
  return new Blob([encoder!.finish() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}

/** The WebM type this browser can record, or null when it cannot. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  const types = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
  return types.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

/**
 * Records frames in real time (MediaRecorder timestamps by the clock), each requested explicitly
 * from a capture stream at 0 fps, so the video's timing is the chosen fps whatever the render cost.
 */
export async function recordWebm(
  plot: ExportPlot,
  options: AnimationOptions,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<Blob> {
  const mimeType = webmType();
  if (!mimeType) throw new Error('This browser cannot record WebM video.');
  const steps = frameSteps(options.lastStep, options.frames);
  const rasterizer = rasterizerFor(plot, options.pixelRatio, options.orbitDegrees);
  rasterizer.render(0);
  // Chromium delivers no frames from a canvas outside the document: keep it in, out of sight.
  const { canvas } = rasterizer;
  canvas.style.cssText = 'position:fixed;left:-10000px;top:0;pointer-events:none';
  document.body.append(canvas);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 5_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const recording = new Promise<void>((resolve) => {
    recorder.onstart = () => resolve();
  });
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  recorder.start();
  // Frames requested before the recorder has started are dropped, and it starts asynchronously:
  // on a busy machine a second later, after a short video's last frame (it came out 110 bytes).
  await recording;
  const frameMs = 1000 / options.fps;
  const started = performance.now();
  try {
    for (let i = 0; i < steps.length; i++) {
      throwIfAborted(signal);
      rasterizer.render(steps[i], progressOf(i, steps.length));
      track.requestFrame();
      onProgress(i + 1, steps.length);
      // Wait until this frame's slot in the video has passed.
      await pause(Math.max(0, started + (i + 1) * frameMs - performance.now()));
    }
  } finally {
    recorder.stop();
    track.stop();
    await stopped;
    canvas.remove();
    rasterizer.dispose?.();
  }
  const video = new Blob(chunks, { type: 'video/webm' });
  // A header alone (about a hundred bytes) is a video without frames: say so, do not save it.
  if (video.size < 1000) throw new Error('The browser recorded no video frames; try the GIF.');
  return video;
}
