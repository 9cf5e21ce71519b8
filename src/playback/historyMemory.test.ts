import { describe, expect, it } from 'vitest';
import { ChunkReserve, HISTORY_CHUNK_BYTES, touchedBuffers } from '../core/sim/historyChunks.ts';
import { HistoryMemory, SUPPLIED_BYTES_PER_STEP, type ChunkWorkerLike } from './historyMemory.ts';

class FakeWorker implements ChunkWorkerLike {
  onmessage: ((event: MessageEvent<ArrayBuffer[]>) => void) | null = null;
  readonly requests: { count: number; bytes: number }[] = [];
  terminated = false;
  postMessage(message: { count: number; bytes: number }): void {
    this.requests.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the oldest request, as the real worker does. */
  answer(): void {
    const { count, bytes } = this.requests.shift()!;
    this.onmessage?.({ data: touchedBuffers(count, bytes) } as MessageEvent<ArrayBuffer[]>);
  }
}

function setUp() {
  const reserve = new ChunkReserve();
  const workers: FakeWorker[] = [];
  const memory = new HistoryMemory(reserve, () => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  return { reserve, workers, memory };
}

describe('HistoryMemory', () => {
  it('starts no Worker for a scene that records little per step', () => {
    const { workers, memory } = setUp();
    memory.plan(6 * 32, 60); // the default scene: six runs of one particle
    memory.plan(SUPPLIED_BYTES_PER_STEP - 1, 60);
    expect(workers).toHaveLength(0);
  });

  it('stocks about half a second of recording for a crowded scene, one request at a time', () => {
    const { reserve, workers, memory } = setUp();
    const bytesPerStep = 12 * 1000 * 32; // 12 runs × 1,000 particles
    memory.plan(bytesPerStep, 60);
    expect(workers).toHaveLength(1);
    const [worker] = workers;
    const target = Math.ceil((bytesPerStep * 60 * 0.5) / HISTORY_CHUNK_BYTES);
    expect(worker.requests).toEqual([{ count: target, bytes: HISTORY_CHUNK_BYTES }]);
    worker.answer();
    expect(reserve.size).toBe(target);
    while (worker.requests.length === 0) reserve.take(); // until below the low-water mark
    expect(reserve.size).toBe(Math.ceil(target / 2) - 1);
    reserve.take(); // no second request while one is in flight
    expect(worker.requests).toHaveLength(1);
    worker.answer();
    expect(reserve.size).toBe(target - 1); // short by the one taken after the request was sent
  });

  it('lets the reserve go when the scene shrinks, and ignores an answer that arrives after', () => {
    const { reserve, workers, memory } = setUp();
    memory.plan(SUPPLIED_BYTES_PER_STEP, 60);
    memory.plan(100, 60);
    workers[0].answer();
    expect(reserve.size).toBe(0);
    memory.dispose();
    expect(workers[0].terminated).toBe(true);
  });
});
