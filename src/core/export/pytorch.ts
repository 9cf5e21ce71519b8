/**
 * "Copy as PyTorch": a short script that reproduces one run with torch.optim on the same surface and
 * prints what the trajectory CLI prints ({"trajectory", "loss", "diverged_at"}), so the two outputs
 * can be compared line for line. The text depends only on its inputs, so tests pin it exactly.
 */
import { parseExpression } from '../expr/index.ts';
import type { Point } from '../geometry.ts';
import { sameParamValue } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { ParamValue } from '../optimizers/types.ts';
import type { SceneRun } from '../scene/scene.ts';
import { toPython } from './python.ts';

export interface PyTorchScriptInput {
  surfaceName: string;
  /** The surface in the expression grammar (a built-in's `formula` or a typed expression). */
  formula: string;
  run: SceneRun;
  start: Point;
  steps: number;
  /** σ of the scene's gradient noise and its seed. */
  noise: { sigma: number; seed: number };
}

export type PyTorchScript = { ok: true; script: string } | { ok: false; reason: string };

/** Our own optimizers, which torch.optim does not have. */
export const NOT_IN_TORCH = new Set(['Newton', 'PerturbedGD', 'DistributedSGD']);

/**
 * A value as Python writes it: True/False, None, 'text', (a, b), and numbers in their shortest
 * exact form.
 */
export function pythonValue(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (value === null) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  return `(${value[0]}, ${value[1]})`;
}

export function pytorchScript(input: PyTorchScriptInput): PyTorchScript {
  const { surfaceName, formula, run, start, steps, noise } = input;
  const optimizer = findOptimizer(run.optimizer);
  if (!optimizer) return { ok: false, reason: `Unknown optimizer ${run.optimizer}.` };
  if (NOT_IN_TORCH.has(optimizer.name)) {
    return {
      ok: false,
      reason: `${optimizer.label} is Descent Lab's own optimizer: torch.optim has no class for it, so there is no script to copy.`,
    };
  }
  const parsed = parseExpression(formula);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `${surfaceName} is not written as a formula that can be printed for torch.`,
    };
  }
  // lr always (it is the knob people look for), then whatever differs from torch's defaults.
  const args = optimizer.params
    .filter((spec) => spec.name === 'lr' || !sameParamValue(run.params[spec.name], spec.default))
    .map((spec) => `${spec.name}=${pythonValue(run.params[spec.name])}`);
  const noisy = noise.sigma > 0;
  const lines = [
    `# Descent Lab: ${run.label} on ${surfaceName}, reproduced with torch.optim.${optimizer.name}.`,
    `# f(x, y) = ${formula}`,
    '# Prints {"trajectory": [[x, y], ...], "loss": [...], "diverged_at": ...} like Descent Lab\'s',
    '# trajectory CLI: the start, then the position after each step.',
    'import json',
    'import math',
    '',
    'import torch',
    '',
    '',
    'def f(x, y):',
    `    return ${toPython(parsed.ast)}`,
    '',
    '',
    `p = torch.tensor([${start[0]}, ${start[1]}], dtype=torch.float64, requires_grad=True)`,
    `optimizer = torch.optim.${optimizer.name}([p], ${args.join(', ')})`,
    `steps = ${steps}`,
  ];
  if (noisy) {
    lines.push(
      `# Gradient noise with σ = ${noise.sigma}, as in the scene. torch draws other random numbers`,
      "# than Descent Lab's, so the path differs in detail.",
      `generator = torch.Generator().manual_seed(${noise.seed})`,
    );
  }
  lines.push(
    '',
    'trajectory, losses, diverged_at = [], [], None',
    'for step in range(steps + 1):',
    '    optimizer.zero_grad()',
    '    loss = f(p[0], p[1])',
    '    loss.backward()',
    '    numbers = [*p.tolist(), loss.item(), *p.grad.tolist()]',
    '    if not all(math.isfinite(v) for v in numbers):',
    '        diverged_at = step',
    '        break',
    '    trajectory.append(p.tolist())',
    '    losses.append(loss.item())',
    '    if step == steps:',
    '        break',
  );
  if (noisy) {
    lines.push(
      '    with torch.no_grad():',
      `        p.grad += ${noise.sigma} * torch.randn(2, generator=generator, dtype=torch.float64)`,
    );
  }
  lines.push(
    '    optimizer.step()',
    '',
    'print(json.dumps({"trajectory": trajectory, "loss": losses, "diverged_at": diverged_at}))',
    '',
  );
  return { ok: true, script: lines.join('\n') };
}
