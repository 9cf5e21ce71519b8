import { describe, expect, it } from 'vitest';
import { sampledGradients } from '../core/data/sampledGradients.ts';
import { defaultScene } from '../core/scene/scene.ts';
import { createAppStore } from './store.ts';

describe('createAppStore', () => {
  it('starts playing the default scene, and each store is independent', () => {
    const a = createAppStore();
    const b = createAppStore();
    expect(a.getState().playing).toBe(true);
    a.getState().pause();
    expect(b.getState().playing).toBe(true);
    expect(a.getState().scene).toEqual(defaultScene());
  });

  it('adds, duplicates and removes runs with fresh ids, never below one run', () => {
    const store = createAppStore();
    const { addRun, duplicateRun, removeRun } = store.getState();
    addRun('newton');
    const ids = store.getState().scene.runs.map((run) => run.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(store.getState().scene.runs.at(-1)?.optimizer).toBe('Newton');
    duplicateRun('r1');
    // A copy gets its own name, so the legend and the cards tell the two apart.
    expect(store.getState().scene.runs[1].label).toBe('SGD 2');
    duplicateRun('r1');
    expect(store.getState().scene.runs[1].label).toBe('SGD 3');
    expect(store.getState().scene.runs[1].id).not.toBe('r1');
    for (const run of store.getState().scene.runs) removeRun(run.id);
    expect(store.getState().scene.runs).toHaveLength(1);
  });

  it('changes one hyperparameter of one run without touching the others', () => {
    const store = createAppStore();
    const before = store.getState().scene.runs;
    store.getState().setRunParam('r6', 'lr', 0.2);
    const after = store.getState().scene.runs;
    expect(after[5].params.lr).toBe(0.2);
    expect(after[0]).toBe(before[0]);
  });

  it('clamps the speed to 1 … 1,000 steps per second', () => {
    const store = createAppStore();
    store.getState().setSpeed(5000);
    expect(store.getState().scene.speed).toBe(1000);
    store.getState().setSpeed(0);
    expect(store.getState().scene.speed).toBe(1);
  });

  it('sets a minibatch size and clears it back to no key for the full batch', async () => {
    const store = createAppStore();
    await store.getState().setBatchSize(8);
    expect(store.getState().scene.batchSize).toBe(8);
    store.getState().setBatchSize(undefined);
    expect('batchSize' in store.getState().scene).toBe(false);
    expect(store.getState().scene).toEqual(defaultScene());
  });

  it('adds a DistributedSGD run once the sampled gradients have loaded', async () => {
    const store = createAppStore();
    await store.getState().addRun('distributed');
    expect(sampledGradients.loaded()).toBe(true);
    expect(store.getState().scene.runs.at(-1)?.optimizer).toBe('DistributedSGD');
  });

  it('a new surface resets the view to that surface’s own', () => {
    const store = createAppStore();
    store.getState().setView({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
    store.getState().setSurface({ id: 'rosenbrock' });
    expect(store.getState().scene.view).toBeNull();
  });

  it('applies a typed formula once its compiler has loaded, the newest change winning', async () => {
    const store = createAppStore();
    const first = store.getState().setSurface({ expression: 'x^2 + y^2' });
    const second = store.getState().setSurface({ expression: 'x*y' });
    expect(store.getState().scene.surface).toEqual(defaultScene().surface);
    await Promise.all([first, second]);
    expect(store.getState().scene.surface).toEqual({ expression: 'x*y' });
    // Loaded once per page: from now on a formula applies at once, and a built-in surface always.
    store.getState().setSurface({ expression: 'x^2 + y^2' });
    expect(store.getState().scene.surface).toEqual({ expression: 'x^2 + y^2' });
  });
});
