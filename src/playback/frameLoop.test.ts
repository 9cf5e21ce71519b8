import { describe, expect, it } from 'vitest';
import { FrameLoop, MAX_FRAME_SECONDS, StepAccumulator, type FrameScheduler } from './frameLoop.ts';

function manualScheduler() {
  const pending = new Map<number, (now: number) => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request: (callback) => {
      pending.set(next, callback);
      return next++;
    },
    cancel: (handle) => pending.delete(handle),
  };
  const fire = (now: number) => {
    const callbacks = [...pending.values()];
    pending.clear();
    for (const callback of callbacks) callback(now);
  };
  return { scheduler, fire, pendingCount: () => pending.size };
}

describe('FrameLoop', () => {
  it('passes elapsed seconds and sleeps when the callback says it is done', () => {
    const { scheduler, fire, pendingCount } = manualScheduler();
    const seen: number[] = [];
    let frames = 3;
    const loop = new FrameLoop((seconds) => {
      seen.push(seconds);
      return --frames > 0;
    }, scheduler);
    loop.wake();
    fire(1000);
    fire(1016);
    fire(1048);
    expect(seen).toEqual([0, 0.016, 0.032]);
    expect(pendingCount()).toBe(0);
    expect(loop.running).toBe(false);
  });

  it('clamps a long gap such as a background tab', () => {
    const { scheduler, fire } = manualScheduler();
    const seen: number[] = [];
    const loop = new FrameLoop((seconds) => (seen.push(seconds), true), scheduler);
    loop.wake();
    fire(0);
    fire(60_000);
    expect(seen[1]).toBe(MAX_FRAME_SECONDS);
  });

  it('requests one frame however often it is woken, and none after dispose', () => {
    const { scheduler, pendingCount } = manualScheduler();
    const loop = new FrameLoop(() => true, scheduler);
    loop.wake();
    loop.wake();
    expect(pendingCount()).toBe(1);
    loop.dispose();
    loop.wake();
    expect(pendingCount()).toBe(0);
  });
});

describe('FrameLoop woken during its own frame', () => {
  it('keeps a single pending frame', () => {
    const { scheduler, fire, pendingCount } = manualScheduler();
    const loop: FrameLoop = new FrameLoop(() => {
      loop.wake();
      return true;
    }, scheduler);
    loop.wake();
    fire(0);
    fire(16);
    expect(pendingCount()).toBe(1);
  });
});

describe('StepAccumulator', () => {
  it('advances whole steps at the requested speed, independent of the frame rate', () => {
    const at60 = new StepAccumulator();
    const at144 = new StepAccumulator();
    let steps60 = 0;
    let steps144 = 0;
    for (let i = 0; i < 60; i++) steps60 += at60.take(1 / 60, 30);
    for (let i = 0; i < 144; i++) steps144 += at144.take(1 / 144, 30);
    expect(steps60).toBeGreaterThanOrEqual(29);
    expect(steps60).toBeLessThanOrEqual(30);
    expect(steps144).toBeGreaterThanOrEqual(29);
    expect(steps144).toBeLessThanOrEqual(30);
  });
});
