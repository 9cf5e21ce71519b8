import { describe, expect, it } from 'vitest';
import { networkScene } from '../nn/networkScene.ts';
import { buildExperiment } from '../nn/experiment.ts';
import { defaultNetworkSpec } from '../nn/spec.ts';
import { defaultScene } from '../scene/scene.ts';
import { networkPytorchScript } from './networkPytorch.ts';

const spec = { ...defaultNetworkSpec(), dataset: 'spiral' as const, hidden: [8], samples: 60 };
const experiment = buildExperiment(spec, 3);
const runs = networkScene(defaultScene()).runs;

describe('networkPytorchScript', () => {
  it('builds the same nn.Sequential, data, initial weights and optimizer', () => {
    const adam = runs.find((run) => run.optimizer === 'Adam')!;
    const result = networkPytorchScript(experiment, adam, 120);
    if (!result.ok) throw new Error(result.reason);
    const { script } = result;
    expect(script).toContain(
      'model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 3)).double()',
    );
    expect(script).toContain('criterion = nn.CrossEntropyLoss()');
    expect(script).toContain('y = torch.tensor(Y, dtype=torch.long)');
    expect(script).toContain('optimizer = torch.optim.Adam(model.parameters(), lr=0.01)');
    expect(script).toContain('steps = 120');
    // Every initial weight is written in its shortest exact form.
    for (const value of experiment.init) expect(script).toContain(String(value));
    expect(script).toContain(`Y = [${Array.from(experiment.data.train.targets).join(', ')}]`);
  });

  it('says when the scene trains on minibatches, and refuses our own optimizers', () => {
    const sgd = runs[0];
    const batched = networkPytorchScript(experiment, sgd, 10, 16);
    expect(batched.ok && batched.script).toContain('minibatches of 16');
    const newton = { ...sgd, optimizer: 'Newton', params: { lr: 1, damping: 0 } };
    expect(networkPytorchScript(experiment, newton, 10).ok).toBe(false);
  });
});
