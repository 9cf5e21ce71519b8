/**
 * How a run looks: a colour from the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies) and a marker shape, so runs differ by more than hue.
 */
import { presetIdOf } from '../core/optimizers/presets.ts';

export const RUN_COLORS = [
  '#D55E00', // vermillion
  '#0072B2', // blue
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#F0E442', // yellow
  '#000000', // black
] as const;

export const MARKER_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

export interface RunStyle {
  color: string;
  shape: MarkerShape;
}

/** What a run's look depends on: its optimizer and the parameters that make it a different method. */
export interface StyledRun {
  optimizer: string;
  params: Readonly<Record<string, unknown>>;
}

/**
 * Presets in a fixed order: the nth gets colour n mod 8 and shape n mod 6, so 24 methods get distinct
 * pairs and Adam looks the same in every scene, lesson, embed and export. The article's six come
 * first. Momentum and Nesterov are torch's SGD with other parameters, but different methods to a
 * reader, so they have their own looks.
 */
const METHODS = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
  'adadelta',
  'adamax',
  'nadam',
  'radam',
  'newton',
  'perturbed-gd',
  'distributed',
  'distributed-threshold',
  'distributed-top1',
];

/** Where a run's method sits in the look order; an optimizer without a preset by its name's hash. */
function methodIndex(run: StyledRun): number {
  const known = METHODS.indexOf(presetIdOf(run) ?? '');
  if (known >= 0) return known;
  let hash = 0;
  for (let i = 0; i < run.optimizer.length; i++) {
    hash = (hash * 31 + run.optimizer.charCodeAt(i)) >>> 0;
  }
  return METHODS.length + (hash % 24);
}

/** `hex` moved towards white (amount > 0) or black (amount < 0). */
function shade(hex: string, amount: number): string {
  const target = amount > 0 ? 255 : 0;
  const channels = hexChannels(hex).map((c) => Math.round(c + (target - c) * Math.abs(amount)));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const stylesOf = new WeakMap<readonly StyledRun[], RunStyle[]>();

/**
 * The look of every run of a scene. A run's colour and shape follow its method; a second, third…
 * run of the same method gets a lighter or darker shade of that colour and another shape, so "Adam"
 * and "Adam 2" tell apart by both. Cached per runs array: layers ask every frame.
 */
export function runStyles(runs: readonly StyledRun[]): RunStyle[] {
  const cached = stylesOf.get(runs);
  if (cached) return cached;
  const seen = new Map<number, number>();
  const styles = runs.map((run) => {
    const index = methodIndex(run);
    const repeat = seen.get(index) ?? 0;
    seen.set(index, repeat + 1);
    const color = RUN_COLORS[index % RUN_COLORS.length];
    return {
      color: repeat === 0 ? color : shade(color, repeat % 2 === 1 ? 0.45 : -0.4),
      shape: MARKER_SHAPES[(index + 3 * repeat) % MARKER_SHAPES.length],
    };
  });
  stylesOf.set(runs, styles);
  return styles;
}

export function runStyle(runs: readonly StyledRun[], index: number): RunStyle {
  return runStyles(runs)[index] ?? { color: RUN_COLORS[0], shape: MARKER_SHAPES[0] };
}

/** Above this many particles per run, trails are thin and translucent and markers small. */
const CROWDED_ABOVE = 20;

/** How a run's trails and markers are drawn, on screen and in exports, given its particle count. */
export interface TrailLook {
  /** Many particles: their trails read as a texture, without halos. */
  crowded: boolean;
  /** Trail width and marker radius in CSS px at drawing scale 1. */
  width: number;
  markerRadius: number;
  opacity: number;
  /** Width of the light halo under a trail that has one (crowded ones have none). */
  haloWidth: number;
}

export function trailLook(particles: number): TrailLook {
  const crowded = particles > CROWDED_ABOVE;
  const width = crowded ? 1 : 2.25;
  return {
    crowded,
    width,
    markerRadius: crowded ? 3 : 6,
    // Denser crowds are fainter, so overlaps build up instead of saturating at once.
    opacity: crowded ? Math.max(0.15, Math.min(0.8, 30 / particles)) : 1,
    haloWidth: width + 2,
  };
}

/** '#rrggbb' as one number, 0xrrggbb. */
export function hexValue(hex: string): number {
  return parseInt(hex.slice(1), 16);
}

/** '#rrggbb' as its red, green and blue channels, 0–255 each. */
export function hexChannels(hex: string): [number, number, number] {
  const value = hexValue(hex);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** '#rrggbb' as an opaque pixel in the platform's (little-endian) RGBA byte order. */
export function opaquePixel(hex: string): number {
  const [r, g, b] = hexChannels(hex);
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The path calls a marker needs: a canvas context, or anything that records paths (SVG export). */
export type MarkerPath = Pick<
  CanvasRenderingContext2D,
  'moveTo' | 'lineTo' | 'arc' | 'rect' | 'closePath'
>;

/** Adds the path of a marker of radius r centred at (x, y) to the context's current path. */
export function traceMarker(
  ctx: MarkerPath,
  shape: MarkerShape,
  x: number,
  y: number,
  r: number,
): void {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.1);
      ctx.lineTo(x + r, y + r * 0.75);
      ctx.lineTo(x - r, y + r * 0.75);
      ctx.closePath();
      break;
    case 'diamond':
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r * 1.2);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      break;
    case 'cross': {
      const a = r * 0.4;
      ctx.moveTo(x - a, y - r);
      for (const [px, py] of [
        [a, -r],
        [a, -a],
        [r, -a],
        [r, a],
        [a, a],
        [a, r],
        [-a, r],
        [-a, a],
        [-r, a],
        [-r, -a],
        [-a, -a],
      ]) {
        ctx.lineTo(x + px, y + py);
      }
      ctx.closePath();
      break;
    }
    case 'star':
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r * 1.25 : r * 0.55;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        const px = x + radius * Math.cos(angle);
        const py = y + radius * Math.sin(angle);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
      break;
  }
}
