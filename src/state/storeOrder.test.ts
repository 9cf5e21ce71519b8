import { describe, expect, it } from 'vitest';
import { defaultScene } from '../core/scene/scene.ts';
import { createAppStore } from './store.ts';

// A file of its own: the parts loaded on demand must not be loaded yet (each test file has fresh
// modules).
describe('changes that wait for a download', () => {
  it('do not land after a later change (two lesson chapters opened quickly end on the second)', async () => {
    const store = createAppStore();
    // A minibatch size waits for the sampled gradients.
    const withBatches = { ...defaultScene(), batchSize: 10 };
    const first = store.getState().loadScene(withBatches);
    const second = store.getState().loadScene({ ...defaultScene(), seed: 7 });
    expect(store.getState().scene.seed).toBe(7);
    await Promise.all([first, second]);
    expect(store.getState().scene.seed).toBe(7);
    expect('batchSize' in store.getState().scene).toBe(false);
  });
});
