/**
 * What the network Workers compute, callable from Node too (tests, benchmarks): a training
 * request's full answer, and a grid request's rows (after an optional preparation).
 */
import {
  buildExperiment,
  type Experiment,
  choosePlane,
  landscapeRows,
  planeExtent,
  projectPath,
  trainRun,
} from './experiment.ts';
import { computeContourBands } from '../contours/bands.ts';
import type {
  BandsRequest,
  GridPreparation,
  GridRequest,
  GridResponse,
  TrainRequest,
  TrainResponse,
} from './protocol.ts';
import { sharpness } from './sharpness.ts';
import type { NetworkSpec } from './spec.ts';

export function answerTrain(
  request: TrainRequest,
  progress: (done: number, total: number) => void,
): TrainResponse {
  const { spec, seed, runs, batchSize } = request;
  const experiment = buildExperiment(spec, seed);
  const total = runs.length * spec.steps;
  const batch = batchSize === undefined ? undefined : { size: batchSize, seed };
  const histories = runs.map((config, r) =>
    trainRun(experiment, config, spec.steps, batch, (step) => {
      if (step % 10 === 0) progress(r * spec.steps + step, total);
    }),
  );
  const plane = choosePlane(spec.plane, experiment, histories, seed);
  const projections = histories.map((h) => projectPath(plane, h.path));
  const n = experiment.train.count;
  return {
    type: 'done',
    histories,
    plane,
    projections,
    extent: planeExtent(spec.plane, projections),
    sharpness: histories.map((h) => sharpness(experiment.train, h.path.slice(-n), seed)),
  };
}

/** The experiment of the last grid request: a Worker is asked for its rows a few at a time. */
let lastExperiment: { spec: NetworkSpec; seed: number; experiment: Experiment } | null = null;

function gridExperiment(spec: NetworkSpec, seed: number): Experiment {
  if (
    lastExperiment?.seed !== seed ||
    JSON.stringify(lastExperiment.spec) !== JSON.stringify(spec)
  ) {
    lastExperiment = { spec, seed, experiment: buildExperiment(spec, seed) };
  }
  return lastExperiment.experiment;
}

/** Losses evaluated to warm a grid Worker up: enough for the engine to optimise the forward pass. */
const WARM_UP_LOSSES = 40;

export function prepareGrid({ spec, seed }: GridPreparation): void {
  const experiment = gridExperiment(spec, seed);
  for (let k = 0; k < WARM_UP_LOSSES; k++) experiment.train.loss(experiment.init);
}

export function answerGrid(request: GridRequest): GridResponse {
  const experiment = gridExperiment(request.spec, request.seed);
  const values = landscapeRows(
    experiment,
    request.plane,
    request.extent,
    request.side,
    request.rows,
  );
  return { type: 'done', rows: request.rows, values };
}

export function answerBands({ values, side, extent, contours }: BandsRequest): GridResponse {
  return {
    type: 'bands',
    bands: computeContourBands({ values, nx: side, ny: side, extent }, contours),
  };
}

/** The buffers a response can hand over without copying. */
export function trainTransferables(response: TrainResponse): ArrayBuffer[] {
  if (response.type !== 'done') return [];
  return [
    ...response.histories.flatMap((h) =>
      [h.path, h.trainLoss, h.testLoss, h.trainAccuracy, h.testAccuracy].map(
        (a) => a.buffer as ArrayBuffer,
      ),
    ),
    ...response.projections.map((p) => p.buffer as ArrayBuffer),
  ];
}
