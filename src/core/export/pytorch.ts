/**
 * "Copy as PyTorch": a short script that reproduces one run with torch.optim (and its
 * torch.optim.lr_scheduler schedule) on the same surface and prints what the trajectory CLI prints
 * ({"trajectory", "loss", "diverged_at", "lr", "evaluations"}), so the two outputs can be compared
 * line for line. The text depends only on its inputs, so tests pin it exactly.
 */
import { parseExpression, PRINTED_LIMITS } from '../expr/index.ts';
import type { Point } from '../geometry.ts';
import { sameParamValue } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { OptimizerDefinition, ParamValue, Params } from '../optimizers/types.ts';
import { findSchedule } from '../schedules/registry.ts';
import { ScheduledParams } from '../schedules/scheduledParams.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import { cyclesMomentum } from '../schedules/validate.ts';
import type { SceneRun } from '../scene/scene.ts';
import { toPython } from './python.ts';

export interface PyTorchScriptInput {
  surfaceName: string;
  /**
   * The surface in the expression grammar: a built-in's `formula`, or a typed formula's canonical
   * text (`toInfix`), which may be longer and deeper than typed text may be (PRINTED_LIMITS).
   */
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

/** The run's optimizer when torch.optim has a class for it; else why there is no script. */
export function torchOptimizer(
  run: SceneRun,
): { ok: true; optimizer: OptimizerDefinition } | { ok: false; reason: string } {
  const optimizer = findOptimizer(run.optimizer);
  if (!optimizer) return { ok: false, reason: `Unknown optimizer ${run.optimizer}.` };
  if (NOT_IN_TORCH.has(optimizer.name)) {
    return {
      ok: false,
      reason: `${optimizer.label} is Descent Lab's own optimizer: torch.optim has no class for it, so there is no script to copy.`,
    };
  }
  return { ok: true, optimizer };
}

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

/** A schedule as the Python that builds it, members inline (SequentialLR, ChainedScheduler). */
export function pythonSchedule(config: ScheduleConfig): string {
  const def = findSchedule(config.name);
  if (!def) return 'None';
  const args: string[] = [];
  for (const spec of def.params) {
    const value = config.params[spec.name];
    if (spec.kind === 'schedules') {
      args.push(`schedulers=[${(value as ScheduleConfig[]).map(pythonSchedule).join(', ')}]`);
    } else if (spec.required || JSON.stringify(value) !== JSON.stringify(spec.default)) {
      const text = Array.isArray(value)
        ? `[${value.join(', ')}]`
        : pythonValue(value as ParamValue);
      args.push(`${spec.name}=${text}`);
    }
  }
  // ChainedScheduler takes no optimizer (torch 1.13 – 2.1; later ones accept one).
  const head = def.name === 'ChainedScheduler' ? [] : ['optimizer'];
  return `lr_scheduler.${def.name}(${[...head, ...args].join(', ')})`;
}

/** torch's error if the schedule cannot be stepped after each of `steps` steps; else null. */
function scheduleEnd(params: Params, schedule: ScheduleConfig, steps: number): string | null {
  const scheduled = new ScheduledParams(params, schedule);
  for (let i = 0; i < steps && scheduled.ended === null; i++) scheduled.advance(0);
  return scheduled.ended;
}

export function pytorchScript(input: PyTorchScriptInput): PyTorchScript {
  const { surfaceName, formula, run, start, steps, noise } = input;
  const found = torchOptimizer(run);
  if (!found.ok) return found;
  const { optimizer } = found;
  const parsed = parseExpression(formula, PRINTED_LIMITS);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `${surfaceName} is not written as a formula that can be printed for torch.`,
    };
  }
  if (run.schedule) {
    const ended = scheduleEnd(run.params, run.schedule, steps);
    if (ended !== null) {
      return {
        ok: false,
        reason: `torch would stop this run: ${ended} (its schedule ends before the ${steps} steps on screen).`,
      };
    }
  }
  // lr always (it is the knob people look for), then whatever differs from torch's defaults.
  const args = optimizer.params
    .filter((spec) => spec.name === 'lr' || !sameParamValue(run.params[spec.name], spec.default))
    .map((spec) => `${spec.name}=${pythonValue(run.params[spec.name])}`);
  const noisy = noise.sigma > 0;
  const closure = optimizer.needsClosure === true;
  const momentum = run.schedule !== undefined && cyclesMomentum(run.schedule);
  const printed = `{"trajectory": [[x, y], ...], "loss": [...], "diverged_at": ...,${momentum ? ' "momentum": [...],' : ''} "lr": [...], "evaluations": [...]}`;
  const lines = [
    `# Descent Lab: ${run.label} on ${surfaceName}, reproduced with torch.optim.${optimizer.name}.`,
    `# f(x, y) = ${formula}`,
    `# Prints ${printed}`,
    "# like Descent Lab's trajectory CLI: the start, then the position after each step; the lr each",
    '# step used and the evaluations of f spent so far after it.',
    'import json',
    'import math',
    '',
    'import torch',
    ...(run.schedule ? ['from torch.optim import lr_scheduler'] : []),
    '',
    '',
    'def f(x, y):',
    `    return ${toPython(parsed.ast)}`,
    '',
    '',
    `p = torch.tensor([${start[0]}, ${start[1]}], dtype=torch.float64, requires_grad=True)`,
    `optimizer = torch.optim.${optimizer.name}([p], ${args.join(', ')})`,
    ...(run.schedule ? [`scheduler = ${pythonSchedule(run.schedule)}`] : []),
    `steps = ${steps}`,
  ];
  if (noisy) {
    lines.push(
      `# Gradient noise with σ = ${noise.sigma}, as in the scene. torch draws other random numbers`,
      "# than Descent Lab's, so the path differs in detail.",
      ...(closure
        ? ["# L-BFGS's further evaluations in a step see the exact f, as in Descent Lab."]
        : []),
      `generator = torch.Generator().manual_seed(${noise.seed})`,
    );
  }
  if (closure) {
    lines.push(
      '',
      '',
      'def closure():',
      '    global calls',
      '    calls += 1',
      '    optimizer.zero_grad()',
      '    loss = f(p[0], p[1])',
      '    loss.backward()',
      '    return loss',
      '',
      '',
    );
  } else {
    lines.push('');
  }
  lines.push(
    `trajectory, losses, diverged_at, lrs, ${momentum ? 'momenta, ' : ''}evaluations = [], [], None, [], ${momentum ? '[], ' : ''}[]`,
    'calls = 0',
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
    '    group = optimizer.param_groups[0]',
    '    lrs.append(group["lr"])',
  );
  if (momentum) {
    lines.push(
      '    momenta.append(group["momentum"] if "momentum" in group else group["betas"][0])',
    );
  }
  if (noisy) {
    lines.push(
      '    with torch.no_grad():',
      `        p.grad += ${noise.sigma} * torch.randn(2, generator=generator, dtype=torch.float64)`,
    );
  }
  lines.push(closure ? '    optimizer.step(closure)' : '    optimizer.step()');
  if (!closure) lines.push('    calls += 1');
  lines.push('    evaluations.append(calls)');
  if (run.schedule) {
    lines.push(
      run.schedule.name === 'ReduceLROnPlateau'
        ? '    scheduler.step(loss.item())'
        : '    scheduler.step()',
    );
  }
  const fields = [
    '"trajectory": trajectory',
    '"loss": losses',
    '"diverged_at": diverged_at',
    '"lr": lrs',
    ...(momentum ? ['"momentum": momenta'] : []),
    '"evaluations": evaluations',
  ];
  lines.push('', `print(json.dumps({${fields.join(', ')}}))`, '');
  return { ok: true, script: lines.join('\n') };
}
