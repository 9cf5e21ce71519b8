import { describe, expect, it } from 'vitest';
import { NetworkClient, WARM_GRID_WORKERS_AT } from './networkClient.ts';
import type { ContourBands, ContourOptions } from '../core/contours/bands.ts';
import type { BandsRequest, GridRequest, TrainRequest } from '../core/nn/protocol.ts';

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

function client() {
  const trainers: FakeWorker[] = [];
  const grids: FakeWorker[] = [];
  const network = new NetworkClient(
    2,
    () => {
      trainers.push(new FakeWorker());
      return trainers.at(-1)!;
    },
    () => {
      grids.push(new FakeWorker());
      return grids.at(-1)!;
    },
  );
  return { network, trainers, grids };
}

const TRAIN = { spec: { grid: 4 }, seed: 7 } as TrainRequest;

/** A client whose runs have trained without reporting progress. */
async function trainedClient() {
  const made = client();
  const signal = new AbortController().signal;
  const trained = made.network.train(TRAIN, () => {}, signal);
  made.trainers[0].answer({ type: 'done' });
  await trained;
  return { ...made, signal };
}
const GRID = { side: 4 } as Omit<GridRequest, 'type' | 'rows'>;
const CONTOURS: ContourOptions = { levels: 20, scale: 'auto' };
const BANDS = { levels: new Float64Array([1]) } as ContourBands;

/** The bands request a worker received, if any. */
function bandsRequest(worker: FakeWorker): BandsRequest | undefined {
  return (worker.received as { type: string }[]).find(
    (message): message is BandsRequest => message.type === 'bands',
  );
}

/** The requests for rows a worker has received and not answered yet, oldest first. */
function pending(worker: FakeWorker, answered: number): GridRequest[] {
  return (worker.received as (GridRequest | { type: 'prepare' })[])
    .filter((message): message is GridRequest => message.type === 'rows')
    .slice(answered);
}

/** Answers a worker's oldest open request with its first row's number in every cell. */
function answerOldest(worker: FakeWorker, answered: number, side: number): void {
  const { rows } = pending(worker, answered)[0];
  const values = new Float64Array((rows[1] - rows[0]) * side).fill(rows[0]);
  worker.answer({ type: 'done', rows, values });
}

describe('NetworkClient', () => {
  it('starts and prepares the grid workers late in training, and the grid uses them', async () => {
    const { network, trainers, grids } = client();
    const signal = new AbortController().signal;
    const progress: number[] = [];
    const trained = network.train(TRAIN, (fraction) => progress.push(fraction), signal);
    trainers[0].answer({ type: 'progress', done: 1, total: 2 });
    // Started beside the training from its first step, they took frames from the page.
    expect(grids).toHaveLength(0);
    trainers[0].answer({ type: 'progress', done: WARM_GRID_WORKERS_AT * 100, total: 100 });
    trainers[0].answer({ type: 'progress', done: 1, total: 1 });
    expect(progress).toEqual([0.5, WARM_GRID_WORKERS_AT, 1]);
    expect(grids).toHaveLength(2);
    for (const worker of grids) {
      expect(worker.received).toEqual([{ type: 'prepare', spec: TRAIN.spec, seed: 7 }]);
    }
    trainers[0].answer({ type: 'done' });
    await trained;
    progress.length = 0;
    const sampled = network.grid(GRID, CONTOURS, (fraction) => progress.push(fraction), signal);
    expect(grids).toHaveLength(2);
    // One row per request here; each worker has two, the second queued.
    expect(grids.map((worker) => pending(worker, 0).map((r) => r.rows))).toEqual([
      [
        [0, 1],
        [1, 2],
      ],
      [
        [2, 3],
        [3, 4],
      ],
    ]);
    for (const answered of [0, 1]) for (const worker of grids) answerOldest(worker, answered, 4);
    const values = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    // The worker that answered the last rows contours the whole grid.
    expect(bandsRequest(grids[0])).toBeUndefined();
    const contour = bandsRequest(grids[1])!;
    expect(Array.from(contour.values)).toEqual(values);
    expect(contour.contours).toEqual(CONTOURS);
    expect(grids.some((worker) => worker.terminated)).toBe(false);
    grids[1].answer({ type: 'bands', bands: BANDS });
    const all = await sampled;
    expect(Array.from(all.values)).toEqual(values);
    expect(all.bands).toBe(BANDS);
    expect(grids.every((worker) => worker.terminated)).toBe(true);
  });

  it('a training too short to report its progress still has the grid workers ready', async () => {
    const { network, grids, signal } = await trainedClient();
    expect(grids).toHaveLength(2);
    network.grid(GRID, CONTOURS, () => {}, signal);
    expect(grids).toHaveLength(2);
    expect(grids.every((worker) => pending(worker, 0).length === 2)).toBe(true);
  });

  it('gives the next rows to the worker that answers, so a slower one does less', async () => {
    const { network, grids, signal } = await trainedClient();
    const side = 8;
    const sampled = network.grid({ side } as typeof GRID, CONTOURS, () => {}, signal);
    const [fast, slow] = grids;
    for (let answered = 0; answered < 6; answered++) answerOldest(fast, answered, side);
    expect(pending(fast, 6)).toEqual([]);
    expect(pending(slow, 0).map((r) => r.rows)).toEqual([
      [2, 3],
      [3, 4],
    ]);
    answerOldest(slow, 0, side);
    answerOldest(slow, 1, side);
    slow.answer({ type: 'bands', bands: BANDS });
    const { values } = await sampled;
    expect(Array.from({ length: side }, (_, row) => values[row * side])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('cancelling the training terminates the waiting grid workers too', async () => {
    const { network, trainers, grids } = client();
    const abort = new AbortController();
    const trained = network.train(TRAIN, () => {}, abort.signal);
    trainers[0].answer({ type: 'progress', done: 9, total: 10 });
    expect(grids).toHaveLength(2);
    abort.abort();
    await expect(trained).rejects.toThrow('cancelled');
    expect(trainers[0].terminated).toBe(true);
    expect(grids.map((worker) => worker.terminated)).toEqual([true, true]);
  });
});
