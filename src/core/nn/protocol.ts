/**
 * Messages between the page and the network Workers: one trains every run and chooses the plane,
 * others sample rows of the landscape grid, a few rows per request, and one of them contours it. Progress comes as messages
 * (training) or with each answered request (grid); cancelling terminates a Worker (a grid row cannot
 * be interrupted), and the next request starts a fresh one.
 */
import type { ContourBands, ContourOptions } from '../contours/bands.ts';
import type { Extent } from '../geometry.ts';
import type { Plane, RunConfig, RunHistory } from './experiment.ts';
import type { NetworkSpec } from './spec.ts';

export interface TrainRequest {
  spec: NetworkSpec;
  seed: number;
  /** Minibatch size, absent for the full batch. */
  batchSize?: number;
  runs: RunConfig[];
}

export type TrainResponse =
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'done';
      histories: RunHistory[];
      plane: Plane;
      /** Per run: (α, β) of every step. */
      projections: Float64Array[];
      extent: Extent;
      /** Per run: how sharp the training loss is around its final weights (sharpness.ts). */
      sharpness: number[];
    }
  | { type: 'error'; message: string };

/**
 * Sent to a grid Worker while the runs train: build the experiment and compile its loss, so that
 * the first rows asked for later start at full speed.
 */
export interface GridPreparation {
  type: 'prepare';
  spec: NetworkSpec;
  seed: number;
}

/** Rows [from, to) of the side × side grid. A Worker answers its requests in order. */
export interface GridRequest {
  type: 'rows';
  spec: NetworkSpec;
  seed: number;
  plane: Pick<Plane, 'origin' | 'd1' | 'd2'>;
  extent: Extent;
  side: number;
  rows: [number, number];
}

/**
 * The whole grid, once its rows are in, to be contoured by a grid Worker (d3's ring stitching is
 * tens of milliseconds: a dropped frame or two on the page's thread while the race plays).
 */
export interface BandsRequest {
  type: 'bands';
  values: Float64Array;
  side: number;
  extent: Extent;
  contours: ContourOptions;
}

export type GridResponse =
  | { type: 'done'; rows: [number, number]; values: Float64Array }
  | { type: 'bands'; bands: ContourBands }
  | { type: 'error'; message: string };
