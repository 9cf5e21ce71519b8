/**
 * What the network Workers compute, callable from Node too (tests, benchmarks): a training
 * request's full answer, and a grid request's rows.
 */
import {
  buildExperiment,
  choosePlane,
  landscapeRows,
  planeExtent,
  projectPath,
  trainRun,
} from './experiment.ts';
import type { GridRequest, GridResponse, TrainRequest, TrainResponse } from './protocol.ts';

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
  return {
    type: 'done',
    histories,
    plane,
    projections,
    extent: planeExtent(spec.plane, projections),
  };
}

export function answerGrid(request: GridRequest, progress: (row: number) => void): GridResponse {
  const experiment = buildExperiment(request.spec, request.seed);
  const values = landscapeRows(
    experiment,
    request.plane,
    request.extent,
    request.side,
    request.rows,
    (row) => {
      progress(row);
      return true;
    },
  );
  return { type: 'done', rows: request.rows, values };
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
