import { describe, expect, it } from 'vitest';
import { defaultScene } from '../core/scene/scene.ts';
import { createAppStore } from '../state/store.ts';
import type { FrameScheduler } from './frameLoop.ts';
import {
  SimulationController,
  TEXT_INTERVAL_MS,
  TICK_LANES,
  type FrameState,
  type TickLane,
} from './simulationController.ts';

function setUp(steps = 1000) {
  const pending: ((now: number) => void)[] = [];
  const scheduler: FrameScheduler = {
    request: (callback) => pending.push(callback),
    cancel: () => pending.splice(0),
  };
  let now = 0;
  /** Runs `count` frames `intervalMs` apart (1/60 s by default). */
  const frames = (count: number, intervalMs = 1000 / 60) => {
    for (let i = 0; i < count; i++) {
      now += intervalMs;
      pending.splice(0).forEach((callback) => callback(now));
    }
  };
  const store = createAppStore({ ...defaultScene(), steps });
  const controller = new SimulationController(store, scheduler);
  const drawn: FrameState[] = [];
  controller.addDrawable({ draw: (frame) => drawn.push({ ...frame }) });
  return { store, controller, frames, drawn, pending };
}

describe('SimulationController', () => {
  it('advances speed/60 steps per 60 Hz frame while playing', () => {
    const { controller, frames } = setUp();
    frames(61); // the first frame only starts the clock
    // 60 frames of 1/60 s at 60 steps/s: 60 steps, or 59 when rounding leaves the carry just short.
    expect(controller.step).toBeGreaterThanOrEqual(59);
    expect(controller.step).toBeLessThanOrEqual(60);
  });

  it('sleeps when paused and nothing changed', () => {
    const { store, frames, pending } = setUp();
    frames(5);
    store.getState().pause();
    frames(3);
    expect(pending).toHaveLength(0);
  });

  it('pauses at the step budget', () => {
    const { store, controller, frames } = setUp(30);
    frames(60);
    expect(controller.step).toBe(30);
    expect(store.getState().playing).toBe(false);
  });

  it('restarts only the run whose hyperparameter changed, at the current step', () => {
    const { store, controller, frames } = setUp();
    store.getState().pause();
    controller.seek(40);
    const untouched = controller.simulation.runs[0];
    store.getState().setRunParam('r6', 'lr', 0.2);
    expect(controller.simulation.runs[0]).toBe(untouched);
    expect(controller.simulation.runs[5].steps).toBe(40);
    expect(controller.step).toBe(40);
    frames(1);
  });

  it('moving the start rebuilds the simulation from step 0', () => {
    const { store, controller } = setUp();
    controller.seek(25);
    store.getState().setStart([0.5, 0.5]);
    expect(controller.step).toBe(0);
    expect(controller.simulation.runs[0].positions.get(0, 0)).toBe(0.5);
  });

  it('asks drawables for a full redraw after a scrub backward', () => {
    const { store, controller, frames, drawn } = setUp();
    store.getState().pause();
    controller.seek(20);
    frames(1);
    controller.seek(10);
    frames(1);
    expect(drawn.at(-1)).toMatchObject({ step: 10, rebuilt: true });
    controller.seek(12);
    frames(1);
    expect(drawn.at(-1)).toMatchObject({ step: 12, rebuilt: false });
  });

  describe('tick listeners', () => {
    /** Which lanes ran in each of the frames run, one lane's listener each. */
    function laneLog(controller: SimulationController) {
      const log: { lane: number; step: number }[] = [];
      for (let lane = 0; lane < TICK_LANES; lane++)
        controller.onTick((frame) => log.push({ lane, step: frame.step }), lane as TickLane);
      return log;
    }

    it('spreads a round over consecutive frames while playing, each lane with the newest frame', () => {
      const { controller, frames } = setUp();
      frames(2); // the clock runs
      const log = laneLog(controller);
      frames(1);
      expect(log.map((entry) => entry.lane)).toEqual([0]);
      frames(1);
      expect(log.map((entry) => entry.lane)).toEqual([0, 1]);
      frames(1);
      expect(log.map((entry) => entry.lane)).toEqual([0, 1, 2]);
      // Each lane shows the step drawn in its own frame, not the round's first.
      expect(log[2].step).toBeGreaterThan(log[0].step);
      // No new round before the text interval has passed.
      const framesPerInterval = Math.ceil(TEXT_INTERVAL_MS / (1000 / 60));
      frames(framesPerInterval - 3);
      expect(log).toHaveLength(3);
      frames(3);
      expect(log.map((entry) => entry.lane)).toEqual([0, 1, 2, 0, 1, 2]);
    });

    it('runs every lane at once when paused, finishing a round under way', () => {
      const { store, controller, frames } = setUp();
      frames(2);
      const log = laneLog(controller);
      frames(1);
      expect(log.map((entry) => entry.lane)).toEqual([0]);
      store.getState().pause();
      frames(1);
      // The frame that saw the pause wrote every lane with the step it stopped at.
      const last = log.slice(-TICK_LANES);
      expect(last.map((entry) => entry.lane)).toEqual([0, 1, 2]);
      expect(new Set(last.map((entry) => entry.step))).toEqual(new Set([controller.step]));
      log.length = 0;
      controller.seek(7);
      frames(1);
      expect(log).toEqual([
        { lane: 0, step: 7 },
        { lane: 1, step: 7 },
        { lane: 2, step: 7 },
      ]);
    });

    it('skips no lane when frames come slower than the text interval', () => {
      const { controller, frames } = setUp();
      frames(2);
      const log = laneLog(controller);
      // Frames further apart than the text interval: each would be due for a new round.
      frames(6, 1.5 * TEXT_INTERVAL_MS);
      expect(log.map((entry) => entry.lane)).toEqual([0, 1, 2, 0, 1, 2]);
    });
  });
});
