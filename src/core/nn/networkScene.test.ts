import { describe, expect, it } from 'vitest';
import { defaultScene } from '../scene/scene.ts';
import { presetLrOn } from '../scene/surfaceSwitch.ts';
import { networkScene, sceneWithoutNetwork } from './networkScene.ts';

describe('leaving the network view', () => {
  it('gives runs still at the network’s rate their rate on the surface, and the default step budget', () => {
    const before = defaultScene();
    const back = sceneWithoutNetwork(networkScene(before));
    expect(back.network).toBeUndefined();
    expect(back.steps).toBe(before.steps);
    const sgd = back.runs.find((run) => run.label === 'SGD')!;
    expect(sgd.params.lr).toBe(presetLrOn(before.surface, 'sgd'));
    expect(sgd.params.lr).not.toBe(0.5);
  });

  it('keeps a learning rate and a step budget the user set in the network view', () => {
    const network = networkScene(defaultScene());
    const runs = network.runs.map((run) =>
      run.label === 'Adam' ? { ...run, params: { ...run.params, lr: 0.003 } } : run,
    );
    const back = sceneWithoutNetwork({ ...network, runs, steps: 777 });
    expect(back.runs.find((run) => run.label === 'Adam')!.params.lr).toBe(0.003);
    expect(back.steps).toBe(777);
  });
});
