/**
 * "Copy as PyTorch" for the network view: a script that builds the same `nn.Sequential`, loads the
 * same training samples and initial weights (written out, since torch draws other random numbers),
 * trains with torch.optim (and its schedule) full batch, and prints what `npm run network` prints
 * for the same request: {"loss": [L before each step], "parameters": [θ after], "diverged_at"}.
 */
import type { Experiment } from '../nn/experiment.ts';
import type { Activation } from '../nn/network.ts';
import { sameParamValue } from '../optimizers/params.ts';
import type { SceneRun } from '../scene/scene.ts';
import { pythonSchedule, pythonValue, torchOptimizer, type PyTorchScript } from './pytorch.ts';

const TORCH_ACTIVATION: Record<Activation, string> = {
  tanh: 'nn.Tanh()',
  relu: 'nn.ReLU()',
  sigmoid: 'nn.Sigmoid()',
};

const TORCH_LOSS = {
  mse: 'nn.MSELoss()',
  bce: 'nn.BCEWithLogitsLoss()',
  cross_entropy: 'nn.CrossEntropyLoss()',
} as const;

/** Numbers as a Python list, a few per line so the script stays readable. */
function pythonList(values: ArrayLike<number>, indent: string, perLine = 8): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    lines.push(
      indent +
        Array.from(values)
          .slice(i, i + perLine)
          .join(', ') +
        ',',
    );
  }
  return `[\n${lines.join('\n')}\n${indent.slice(4)}]`;
}

export function networkPytorchScript(
  experiment: Experiment,
  run: SceneRun,
  steps: number,
  batchSize?: number,
): PyTorchScript {
  const found = torchOptimizer(run);
  if (!found.ok) return found;
  const { optimizer } = found;
  const { layers, train, init } = experiment;
  const { activation, loss } = train.architecture;
  const modules: string[] = [];
  for (let l = 1; l < layers.length; l++) {
    modules.push(`nn.Linear(${layers[l - 1]}, ${layers[l]})`);
    if (l < layers.length - 1) modules.push(TORCH_ACTIVATION[activation]);
  }
  const args = optimizer.params
    .filter((spec) => spec.name === 'lr' || !sameParamValue(run.params[spec.name], spec.default))
    .map((spec) => `${spec.name}=${pythonValue(run.params[spec.name])}`);
  const { inputs, targets } = train.samples;
  const pairs = Array.from(
    { length: targets.length },
    (_, i) => `[${inputs[2 * i]}, ${inputs[2 * i + 1]}]`,
  );
  const target =
    loss === 'cross_entropy'
      ? 'torch.tensor(Y, dtype=torch.long)'
      : 'torch.tensor(Y, dtype=torch.float64).unsqueeze(1)';
  const lines = [
    `# Descent Lab: ${run.label} training a [${layers.join(', ')}] ${activation} network, reproduced with`,
    `# torch.optim.${optimizer.name}. Prints {"loss": [...], "parameters": [...], "diverged_at": ...}`,
    "# like Descent Lab's network CLI: the loss before each step, the weights after the last.",
    ...(batchSize === undefined
      ? []
      : [
          `# The scene draws minibatches of ${batchSize} with its own random numbers; this script trains`,
          '# on the full batch, so its path differs from the one on screen.',
        ]),
    'import json',
    'import math',
    '',
    'import torch',
    'from torch import nn',
    ...(run.schedule ? ['from torch.optim import lr_scheduler'] : []),
    '',
    `X = torch.tensor([${pairs.join(', ')}], dtype=torch.float64)`,
    `Y = [${Array.from(targets).join(', ')}]`,
    `y = ${target}`,
    `model = nn.Sequential(${modules.join(', ')}).double()`,
    "# Descent Lab's initial weights (nn.Linear's uniform ±1/√fan_in, drawn from the scene's seed),",
    "# in model.parameters() order: each layer's weight (out × in, row-major), then its bias.",
    `init = ${pythonList(init, '    ')}`,
    'with torch.no_grad():',
    '    torch.nn.utils.vector_to_parameters(torch.tensor(init, dtype=torch.float64), model.parameters())',
    `criterion = ${TORCH_LOSS[loss]}`,
    `optimizer = torch.optim.${optimizer.name}(model.parameters(), ${args.join(', ')})`,
    ...(run.schedule ? [`scheduler = ${pythonSchedule(run.schedule)}`] : []),
    `steps = ${steps}`,
    '',
    '',
    'def closure():',
    '    optimizer.zero_grad()',
    '    loss = criterion(model(X), y)',
    '    loss.backward()',
    '    return loss',
    '',
    '',
    'losses, diverged_at = [], None',
    'last = torch.nn.utils.parameters_to_vector(model.parameters()).detach().clone()',
    'for step in range(steps):',
    '    loss = closure()',
    '    theta = torch.nn.utils.parameters_to_vector(model.parameters()).detach()',
    '    if not (math.isfinite(loss.item()) and torch.isfinite(theta).all()):',
    '        diverged_at = step',
    '        break',
    '    losses.append(loss.item())',
    '    last = theta.clone()',
    '    optimizer.step(closure)',
    ...(run.schedule
      ? [
          run.schedule.name === 'ReduceLROnPlateau'
            ? '    scheduler.step(loss.item())'
            : '    scheduler.step()',
        ]
      : []),
    'else:',
    '    last = torch.nn.utils.parameters_to_vector(model.parameters()).detach()',
    '',
    'print(json.dumps({"loss": losses, "parameters": last.tolist(), "diverged_at": diverged_at}))',
    '',
  ];
  return { ok: true, script: lines.join('\n') };
}
