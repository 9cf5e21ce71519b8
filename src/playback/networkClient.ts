/**
 * Runs a network experiment in Workers: one trains every run (then chooses the plane), then the
 * landscape grid's rows are shared among `gridWorkers` Workers, a few rows per request, and the last
 * to answer contours the whole grid. Both report progress; cancelling
 * (the AbortSignal) terminates the Workers at once, and the next request starts fresh ones, so a
 * cancelled grid leaves nothing running behind the page.
 */
import type { ContourBands, ContourOptions } from '../core/contours/bands.ts';
import type {
  BandsRequest,
  GridPreparation,
  GridRequest,
  GridResponse,
  TrainRequest,
  TrainResponse,
} from '../core/nn/protocol.ts';

type TrainDone = Extract<TrainResponse, { type: 'done' }>;

/** A landscape grid and its contour bands. */
export interface SampledGrid {
  /** side × side, row-major, row 0 at the extent's yMin. */
  values: Float64Array;
  bands: ContourBands;
}

/** What the client needs of a Worker; tests could pass adapters. */
interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

function cancelled(): Error {
  return new DOMException('cancelled', 'AbortError');
}

/** One request to a fresh Worker: resolves with its final answer, reports progress meanwhile. */
function ask<Answer extends { type: string }>(
  worker: WorkerLike,
  request: unknown,
  onProgress: (message: Answer) => void,
  signal: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(cancelled());
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<Answer>) => {
      if (event.data.type === 'progress') return onProgress(event.data);
      finish();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the network worker failed'));
    };
    worker.postMessage(request);
  });
}

/**
 * Rows per grid request: about eight requests per Worker, so that a Worker given less of the
 * machine (the page, other tabs) takes fewer of them and both finish together.
 */
export function gridRowsPerRequest(side: number, workers: number): number {
  return Math.max(1, Math.ceil(side / (8 * workers)));
}

/**
 * How far the runs have trained when the grid Workers start. From the first step, their start-up
 * (three busy threads beside the page on a two-core machine) took frames from the page while it
 * showed the training's progress: 1–4 dropped in each of 10 loads, against 0–1 in each of 5
 * when they start here; they are still ready by the time the runs are (bench:network's trained →
 * landscape stayed at 300–370 ms).
 */
export const WARM_GRID_WORKERS_AT = 0.85;

export class NetworkClient {
  /**
   * Grid Workers started late in training, so that their code is loaded, their experiment
   * built and their loss compiled by the time the grid is asked for: the grid is what a person
   * waits for once the paths are there.
   */
  private spares: WorkerLike[] = [];

  constructor(
    private readonly gridWorkers = 2,
    private readonly createTrainWorker: () => WorkerLike = () =>
      new Worker(new URL('../workers/networkTrainWorker.ts', import.meta.url), { type: 'module' }),
    private readonly createGridWorker: () => WorkerLike = () =>
      new Worker(new URL('../workers/networkGridWorker.ts', import.meta.url), { type: 'module' }),
  ) {}

  /**
   * Starts and prepares the grid Workers, once per training; a cancelled signal terminates those
   * not used.
   */
  private warmGridWorkers({ spec, seed }: TrainRequest, signal: AbortSignal): void {
    if (signal.aborted || this.spares.length >= this.gridWorkers) return;
    const preparation: GridPreparation = { type: 'prepare', spec, seed };
    while (this.spares.length < this.gridWorkers) {
      const worker = this.createGridWorker();
      worker.postMessage(preparation);
      this.spares.push(worker);
    }
    signal.addEventListener(
      'abort',
      () => {
        for (const worker of this.spares.splice(0)) worker.terminate();
      },
      { once: true },
    );
  }

  async train(
    request: TrainRequest,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<TrainDone> {
    const answer = await ask<TrainResponse>(
      this.createTrainWorker(),
      request,
      (message) => {
        if (message.type !== 'progress') return;
        const fraction = message.done / message.total;
        if (fraction >= WARM_GRID_WORKERS_AT) this.warmGridWorkers(request, signal);
        onProgress(fraction);
      },
      signal,
    );
    // A short training may end before its progress reached the mark.
    this.warmGridWorkers(request, signal);
    if (answer.type === 'error') throw new Error(answer.message);
    if (answer.type !== 'done') throw new Error('unexpected answer from the network worker');
    return answer;
  }

  /**
   * The side × side grid and its bands. Its rows are asked for a few at a time, each Worker given
   * the next as it answers one, and always one more queued so that it never waits for the page
   * between two; the Worker that answers the last rows is then sent the whole grid to contour.
   */
  grid(
    request: Omit<GridRequest, 'type' | 'rows'>,
    contours: ContourOptions,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<SampledGrid> {
    const { side } = request;
    const step = gridRowsPerRequest(side, this.gridWorkers);
    const requests: GridRequest[] = [];
    for (let from = 0; from < side; from += step) {
      requests.push({ ...request, type: 'rows', rows: [from, Math.min(side, from + step)] });
    }
    const workers = Array.from(
      { length: Math.min(this.gridWorkers, requests.length) },
      () => this.spares.shift() ?? this.createGridWorker(),
    );
    const values = new Float64Array(side * side);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = 0;
      let rowsDone = 0;
      let settled = false;
      /** Ends the request once: its Workers terminated, then `answer` called. */
      const settle = (answer: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', stop);
        for (const worker of workers) worker.terminate();
        answer();
      };
      const fail = (error: Error) => settle(() => reject(error));
      const stop = () => fail(cancelled());
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      const sendNext = (worker: WorkerLike) => {
        if (sent < requests.length) worker.postMessage(requests[sent++]);
      };
      for (const worker of workers) {
        worker.onmessage = (event: MessageEvent<GridResponse>) => {
          const answer = event.data;
          if (answer.type === 'error') return fail(new Error(answer.message));
          if (answer.type === 'bands')
            return settle(() => resolve({ values, bands: answer.bands }));
          values.set(answer.values, answer.rows[0] * side);
          rowsDone += answer.rows[1] - answer.rows[0];
          onProgress(rowsDone / side);
          if (++answered < requests.length) return sendNext(worker);
          const contour: BandsRequest = {
            type: 'bands',
            values,
            side,
            extent: request.extent,
            contours,
          };
          worker.postMessage(contour);
        };
        worker.onerror = (event) => fail(new Error(event.message || 'the network worker failed'));
        sendNext(worker);
        sendNext(worker);
      }
    });
  }
}
