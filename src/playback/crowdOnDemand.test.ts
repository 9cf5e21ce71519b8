import { describe, expect, it } from 'vitest';
import type { CrowdFrame } from '../render/crowdPicture.ts';
import { crowdPainterOnDemand, type DisposableCrowdPainter } from './crowdOnDemand.ts';

const frame = (step: number) =>
  ({ step, trails: new Float64Array(4), heads: new Float64Array(2) }) as CrowdFrame;
const canvas = {} as HTMLCanvasElement;

/** A load the test resolves or rejects when it likes; what it loads paints at once. */
function deferredLoad() {
  const painted: number[] = [];
  let settle: { resolve: () => void; reject: (error: Error) => void } | null = null;
  let loads = 0;
  const painter: DisposableCrowdPainter = {
    paint: (f, recycle) => {
      painted.push(f.step);
      recycle(f.trails, f.heads);
    },
    dispose: () => {},
  };
  const load = () => {
    loads++;
    return new Promise<{ createCrowdPainter: () => DisposableCrowdPainter }>((resolve, reject) => {
      settle = { resolve: () => resolve({ createCrowdPainter: () => painter }), reject };
    });
  };
  return { load, painted, settle: () => settle!, loads: () => loads };
}

describe('crowdPainterOnDemand', () => {
  it('loads the painter with the first frame, holding that frame until it is painted', async () => {
    const deferred = deferredLoad();
    const onDemand = crowdPainterOnDemand(canvas, () => {}, deferred.load);
    const recycled: number[] = [];
    onDemand.paint(frame(1), () => recycled.push(1));
    expect(recycled).toEqual([]);
    deferred.settle().resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(deferred.painted).toEqual([1]);
    expect(recycled).toEqual([1]);
    onDemand.paint(frame(2), () => recycled.push(2));
    expect(deferred.painted).toEqual([1, 2]);
    expect(deferred.loads()).toBe(1);
  });

  it('says why if the code does not load, and then gives frames straight back without loading again', async () => {
    const deferred = deferredLoad();
    const failures: string[] = [];
    const onDemand = crowdPainterOnDemand(canvas, (reason) => failures.push(reason), deferred.load);
    const recycled: number[] = [];
    onDemand.paint(frame(1), () => recycled.push(1));
    deferred.settle().reject(new Error('offline'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures).toEqual(['the code that draws them did not load (Error: offline)']);
    expect(recycled).toEqual([1]);
    onDemand.paint(frame(2), () => recycled.push(2));
    expect(recycled).toEqual([1, 2]);
    expect(deferred.loads()).toBe(1);
  });
});
