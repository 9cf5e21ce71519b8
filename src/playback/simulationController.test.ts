import { describe, expect, it } from 'vitest';
import { defaultScene } from '../core/scene/scene.ts';
import { createAppStore } from '../state/store.ts';
import type { FrameScheduler } from './frameLoop.ts';
import { SimulationController, type FrameState } from './simulationController.ts';

function setUp(steps = 1000) {
  const pending: ((now: number) => void)[] = [];
  const scheduler: FrameScheduler = {
    request: (callback) => pending.push(callback),
    cancel: () => pending.splice(0),
  };
  let now = 0;
  /** Runs `count` frames 1/60 s apart. */
  const frames = (count: number) => {
    for (let i = 0; i < count; i++) {
      now += 1000 / 60;
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
});
