import { describe, expect, it } from 'vitest';
import { NetworkClient } from './networkClient.ts';
import type { GridRequest, TrainRequest } from '../core/nn/protocol.ts';

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

const TRAIN = {} as TrainRequest;
const GRID = { side: 4 } as Omit<GridRequest, 'rows'>;

describe('NetworkClient', () => {
  it('starts the grid workers while the runs train, and the grid uses them', async () => {
    const { network, trainers, grids } = client();
    const signal = new AbortController().signal;
    const trained = network.train(TRAIN, () => {}, signal);
    expect(grids).toHaveLength(2);
    expect(grids.every((worker) => worker.received.length === 0)).toBe(true);
    trainers[0].answer({ type: 'done' });
    await trained;
    const values = network.grid(GRID, () => {}, signal);
    expect(grids).toHaveLength(2);
    // Each answers its rows of the 4 × 4 grid with its first row's number.
    for (const worker of grids) {
      const { rows } = worker.received[0] as GridRequest;
      worker.answer({ type: 'done', rows, values: new Float64Array(8).fill(rows[0]) });
    }
    const all = await values;
    expect(Array.from(all)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(grids.every((worker) => worker.terminated)).toBe(true);
  });

  it('cancelling the training terminates the waiting grid workers too', async () => {
    const { network, trainers, grids } = client();
    const abort = new AbortController();
    const trained = network.train(TRAIN, () => {}, abort.signal);
    abort.abort();
    await expect(trained).rejects.toThrow('cancelled');
    expect(trainers[0].terminated).toBe(true);
    expect(grids.map((worker) => worker.terminated)).toEqual([true, true]);
  });
});
