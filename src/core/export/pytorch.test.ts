import { describe, expect, it } from 'vitest';
import { compileExpression } from '../expr/index.ts';
import { runFromPreset, type SceneRun } from '../scene/scene.ts';
import { getSurface } from '../surfaces/index.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { resolveSchedule } from '../schedules/validate.ts';
import { pytorchScript, type PyTorchScriptInput } from './pytorch.ts';

function input(surfaceId: string, run: SceneRun, extra: Partial<PyTorchScriptInput> = {}) {
  const surface = getSurface(surfaceId)!;
  return {
    surfaceName: surface.name,
    formula: surface.formula,
    run,
    start: [-1.5, 2] as const,
    steps: 50,
    noise: { sigma: 0, seed: 1 },
    ...extra,
  };
}

describe('pytorchScript', () => {
  it('Adam on Rosenbrock: the exact script', () => {
    const adam = runFromPreset('adam', 'r1');
    const run = { ...adam, params: { ...adam.params, lr: 0.02, amsgrad: true } };
    const result = pytorchScript(input('rosenbrock', run));
    expect(result).toEqual({
      ok: true,
      script: `# Descent Lab: Adam on Rosenbrock, reproduced with torch.optim.Adam.
# f(x, y) = (1 - x)^2 + 100*(y - x^2)^2
# Prints {"trajectory": [[x, y], ...], "loss": [...], "diverged_at": ..., "lr": [...], "evaluations": [...]}
# like Descent Lab's trajectory CLI: the start, then the position after each step; the lr each
# step used and the evaluations of f spent so far after it.
import json
import math

import torch


def f(x, y):
    return (1 - x)**2 + 100*(y - x**2)**2


p = torch.tensor([-1.5, 2], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adam([p], lr=0.02, amsgrad=True)
steps = 50

trajectory, losses, diverged_at, lrs, evaluations = [], [], None, [], []
calls = 0
for step in range(steps + 1):
    optimizer.zero_grad()
    loss = f(p[0], p[1])
    loss.backward()
    numbers = [*p.tolist(), loss.item(), *p.grad.tolist()]
    if not all(math.isfinite(v) for v in numbers):
        diverged_at = step
        break
    trajectory.append(p.tolist())
    losses.append(loss.item())
    if step == steps:
        break
    group = optimizer.param_groups[0]
    lrs.append(group["lr"])
    optimizer.step()
    calls += 1
    evaluations.append(calls)

print(json.dumps({"trajectory": trajectory, "loss": losses, "diverged_at": diverged_at, "lr": lrs, "evaluations": evaluations}))
`,
    });
  });

  it('Nesterov on Rastrigin with gradient noise: the exact script', () => {
    const result = pytorchScript(
      input('rastrigin', runFromPreset('nesterov', 'r3'), {
        start: [2.5, -0.25],
        steps: 1000,
        noise: { sigma: 0.5, seed: 7 },
      }),
    );
    expect(result).toEqual({
      ok: true,
      script: `# Descent Lab: Nesterov on Rastrigin, reproduced with torch.optim.SGD.
# f(x, y) = 20 + (x^2 - 10*cos(2*pi*x)) + (y^2 - 10*cos(2*pi*y))
# Prints {"trajectory": [[x, y], ...], "loss": [...], "diverged_at": ..., "lr": [...], "evaluations": [...]}
# like Descent Lab's trajectory CLI: the start, then the position after each step; the lr each
# step used and the evaluations of f spent so far after it.
import json
import math

import torch


def f(x, y):
    return 20 + (x**2 - 10*torch.cos(2*math.pi*x)) + (y**2 - 10*torch.cos(2*math.pi*y))


p = torch.tensor([2.5, -0.25], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([p], lr=0.003, momentum=0.9, nesterov=True)
steps = 1000
# Gradient noise with σ = 0.5, as in the scene. torch draws other random numbers
# than Descent Lab's, so the path differs in detail.
generator = torch.Generator().manual_seed(7)

trajectory, losses, diverged_at, lrs, evaluations = [], [], None, [], []
calls = 0
for step in range(steps + 1):
    optimizer.zero_grad()
    loss = f(p[0], p[1])
    loss.backward()
    numbers = [*p.tolist(), loss.item(), *p.grad.tolist()]
    if not all(math.isfinite(v) for v in numbers):
        diverged_at = step
        break
    trajectory.append(p.tolist())
    losses.append(loss.item())
    if step == steps:
        break
    group = optimizer.param_groups[0]
    lrs.append(group["lr"])
    with torch.no_grad():
        p.grad += 0.5 * torch.randn(2, generator=generator, dtype=torch.float64)
    optimizer.step()
    calls += 1
    evaluations.append(calls)

print(json.dumps({"trajectory": trajectory, "loss": losses, "diverged_at": diverged_at, "lr": lrs, "evaluations": evaluations}))
`,
    });
  });

  it('a cyclic schedule: builds the scheduler, steps it after each step, prints lr and momentum', () => {
    const sgd = runFromPreset('momentum', 'r1');
    const resolved = resolveSchedule(
      { name: 'CyclicLR', params: { base_lr: 0.001, max_lr: 0.01, step_size_up: 10 } },
      findOptimizer('SGD')!,
    );
    if (!resolved.ok) throw new Error(resolved.errors.join());
    const result = pytorchScript(input('rosenbrock', { ...sgd, schedule: resolved.schedule }));
    if (!result.ok) throw new Error(result.reason);
    const lines = result.script.split('\n');
    expect(lines).toContain('from torch.optim import lr_scheduler');
    expect(lines).toContain(
      'scheduler = lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.01, step_size_up=10)',
    );
    expect(lines).toContain(
      '    momenta.append(group["momentum"] if "momentum" in group else group["betas"][0])',
    );
    expect(lines.slice(-7, -3)).toEqual([
      '    optimizer.step()',
      '    calls += 1',
      '    evaluations.append(calls)',
      '    scheduler.step()',
    ]);
    expect(lines.at(-2)).toContain('"momentum": momenta');
  });

  it('L-BFGS steps with a counting closure; ReduceLROnPlateau is fed the loss', () => {
    const lbfgs = runFromPreset('lbfgs', 'r1');
    const resolved = resolveSchedule(
      { name: 'ReduceLROnPlateau', params: {} },
      findOptimizer('LBFGS')!,
    );
    if (!resolved.ok) throw new Error(resolved.errors.join());
    const result = pytorchScript(input('rosenbrock', { ...lbfgs, schedule: resolved.schedule }));
    if (!result.ok) throw new Error(result.reason);
    const lines = result.script.split('\n');
    expect(lines).toContain(
      "optimizer = torch.optim.LBFGS([p], lr=1, max_iter=1, line_search_fn='strong_wolfe')",
    );
    expect(lines).toContain('scheduler = lr_scheduler.ReduceLROnPlateau(optimizer)');
    expect(lines).toContain('def closure():');
    expect(lines.slice(-6, -3)).toEqual([
      '    optimizer.step(closure)',
      '    evaluations.append(calls)',
      '    scheduler.step(loss.item())',
    ]);
  });

  it('refuses a schedule torch would stop with, saying why', () => {
    const resolved = resolveSchedule(
      { name: 'OneCycleLR', params: { max_lr: 0.1, total_steps: 40 } },
      findOptimizer('Adam')!,
    );
    if (!resolved.ok) throw new Error(resolved.errors.join());
    const run = { ...runFromPreset('adam', 'r1'), schedule: resolved.schedule };
    expect(pytorchScript(input('rosenbrock', run))).toEqual({
      ok: false,
      reason:
        'torch would stop this run: Tried to step 42 times. The specified number of total steps is 40 (its schedule ends before the 50 steps on screen).',
    });
  });

  it('says why there is no script for our own optimizers and for data-defined surfaces', () => {
    for (const preset of ['newton', 'perturbed-gd']) {
      const result = pytorchScript(input('booth', runFromPreset(preset, 'r1')));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/torch\.optim has no class for it/);
    }
    const result = pytorchScript({
      ...input('booth', runFromPreset('adam', 'r1')),
      surfaceName: 'Linear regression',
      formula: 'mean((w*x + b - t)^2)',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'Linear regression is not written as a formula that can be printed for torch.',
    });
  });

  it('exports every typed formula the parser accepts, up to its limits (signs, length)', () => {
    for (const typed of [`${'-'.repeat(99)}x`, Array<string>(500).fill('x').join('+')]) {
      const compiled = compileExpression(typed);
      if (!compiled.ok) throw new Error(compiled.error.message);
      const result = pytorchScript({
        ...input('booth', runFromPreset('adam', 'r1')),
        formula: compiled.normalized,
      });
      expect(result.ok).toBe(true);
    }
  });
});
