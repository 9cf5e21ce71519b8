import { describe, expect, it } from 'vitest';
import { StepHistory } from './history.ts';
import {
  ChunkReserve,
  HISTORY_CHUNK_BYTES,
  historyChunks,
  touchedBuffers,
} from './historyChunks.ts';

describe('the reserve of touched history memory', () => {
  it('gives StepHistory its chunks while it has them, then StepHistory allocates its own', () => {
    const [supplied] = touchedBuffers(1, HISTORY_CHUNK_BYTES);
    historyChunks.supply(1, () => {});
    historyChunks.add([supplied]);
    const history = new StepHistory(2);
    history.push(Float64Array.of(1, 2));
    expect(historyChunks.size).toBe(0);
    expect(supplied.byteLength).toBe(HISTORY_CHUNK_BYTES); // not transferred away: in use
    expect(new Float64Array(supplied, 0, 2)).toEqual(Float64Array.of(1, 2));
    const other = new StepHistory(2);
    other.push(Float64Array.of(3, 4));
    expect([...other.stepValues(0)]).toEqual([3, 4]);
    historyChunks.supply(0, null);
  });

  it('leaves a step wider than a chunk to StepHistory', () => {
    historyChunks.supply(1, () => {});
    historyChunks.add(touchedBuffers(1, HISTORY_CHUNK_BYTES));
    const wide = new StepHistory(HISTORY_CHUNK_BYTES / 8 + 1);
    wide.push(new Float64Array(HISTORY_CHUNK_BYTES / 8 + 1).fill(7));
    expect(historyChunks.size).toBe(1);
    expect(wide.get(0, HISTORY_CHUNK_BYTES / 8)).toBe(7);
    historyChunks.supply(0, null);
  });

  it('asks for more below its low-water mark, and lets everything go when supply stops', () => {
    const reserve = new ChunkReserve();
    let asked = 0;
    reserve.supply(2, () => asked++);
    expect(asked).toBe(1); // empty: asks at once
    reserve.add(touchedBuffers(3, HISTORY_CHUNK_BYTES));
    reserve.add(touchedBuffers(1, 4096)); // not a chunk: ignored
    expect(reserve.size).toBe(3);
    reserve.take();
    expect(asked).toBe(1);
    reserve.take();
    expect(asked).toBe(2);
    reserve.supply(0, null);
    expect(reserve.size).toBe(0);
    expect(reserve.take()).toBeUndefined();
    expect(asked).toBe(2);
  });

  it('touched buffers read as zeros, like fresh ones', () => {
    const [buffer] = touchedBuffers(1, 3 * 4096 + 8);
    expect(new Uint8Array(buffer).every((byte) => byte === 0)).toBe(true);
  });
});
