/**
 * Runs a network experiment in Workers: one trains every run (then chooses the plane), then the
 * landscape grid is split by rows between `gridWorkers` Workers. Both report progress; cancelling
 * (the AbortSignal) terminates the Workers at once, and the next request starts fresh ones, so a
 * cancelled grid leaves nothing running behind the page.
 */
import type {
  GridRequest,
  GridResponse,
  TrainRequest,
  TrainResponse,
} from '../core/nn/protocol.ts';

type TrainDone = Extract<TrainResponse, { type: 'done' }>;

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

export class NetworkClient {
  /**
   * Grid Workers started while the runs train, so that their code is loaded and compiled by the
   * time the grid is asked for: the grid is what a person waits for once the paths are there.
   */
  private spares: WorkerLike[] = [];

  constructor(
    private readonly gridWorkers = 2,
    private readonly createTrainWorker: () => WorkerLike = () =>
      new Worker(new URL('../workers/networkTrainWorker.ts', import.meta.url), { type: 'module' }),
    private readonly createGridWorker: () => WorkerLike = () =>
      new Worker(new URL('../workers/networkGridWorker.ts', import.meta.url), { type: 'module' }),
  ) {}

  /** Starts the grid Workers ahead of the grid; a cancelled signal terminates those not used. */
  private warmGridWorkers(signal: AbortSignal): void {
    while (this.spares.length < this.gridWorkers) this.spares.push(this.createGridWorker());
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
    if (!signal.aborted) this.warmGridWorkers(signal);
    const answer = await ask<TrainResponse>(
      this.createTrainWorker(),
      request,
      (message) => {
        if (message.type === 'progress') onProgress(message.done / message.total);
      },
      signal,
    );
    if (answer.type === 'error') throw new Error(answer.message);
    if (answer.type !== 'done') throw new Error('unexpected answer from the network worker');
    return answer;
  }

  /** The side × side grid (row-major, row 0 at the extent's yMin), rows shared among the Workers. */
  async grid(
    request: Omit<GridRequest, 'rows'>,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<Float64Array> {
    const { side } = request;
    const parts = Math.max(1, Math.min(this.gridWorkers, side));
    let rowsDone = 0;
    const answers = await Promise.all(
      Array.from({ length: parts }, (_, k) => {
        const rows: [number, number] = [
          Math.floor((k * side) / parts),
          Math.floor(((k + 1) * side) / parts),
        ];
        return ask<GridResponse>(
          this.spares.pop() ?? this.createGridWorker(),
          { ...request, rows },
          () => onProgress(++rowsDone / side),
          signal,
        );
      }),
    );
    const values = new Float64Array(side * side);
    for (const answer of answers) {
      if (answer.type === 'error') throw new Error(answer.message);
      if (answer.type === 'done') values.set(answer.values, answer.rows[0] * side);
    }
    return values;
  }
}
