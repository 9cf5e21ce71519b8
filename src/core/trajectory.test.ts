import { describe, expect, it } from 'vitest';
import {
  comparableLength,
  loadReferenceCases,
  maxRelativeError,
  referencePath,
  referenceParams,
  TOLERANCE,
  type ReferenceCase,
} from './testing/referenceCases.ts';
import { computeTrajectory, type TrajectoryOutput } from './trajectory.ts';

const cases = loadReferenceCases();

function runCase(c: ReferenceCase, surface: unknown): TrajectoryOutput {
  const result = computeTrajectory({
    surface,
    optimizer: c.optimizer,
    params: referenceParams(c),
    start: c.start,
    steps: c.steps,
  });
  if (!result.ok) throw new Error(result.error);
  return result.output;
}

function expectMatchesReference(c: ReferenceCase, output: TrajectoryOutput): void {
  const expected = referencePath(c);
  const n = comparableLength(c);
  expect(output.trajectory.length).toBeGreaterThanOrEqual(n);
  expect(
    maxRelativeError(output.trajectory.slice(0, n).flat(), expected.slice(0, n).flat()),
  ).toBeLessThanOrEqual(TOLERANCE);
  const expectedLoss = n <= c.steps ? c.loss.slice(0, n) : c.loss;
  expect(
    maxRelativeError(output.loss.slice(0, expectedLoss.length), expectedLoss),
  ).toBeLessThanOrEqual(TOLERANCE);
  expect(output.diverged_at).toBe(c.first_nonfinite_step);
  if (c.first_nonfinite_step === null) expect(output.trajectory.length).toBe(c.steps + 1);
  else expect(output.trajectory.length).toBe(c.first_nonfinite_step);
}

describe('computeTrajectory reproduces torch.optim', () => {
  for (const c of cases) {
    const label = `${c.id}: ${c.optimizer}(${JSON.stringify(referenceParams(c))}) on ${c.surface}`;
    it(`${label} by surface id, to 1e-9`, () => {
      expectMatchesReference(c, runCase(c, c.surface));
    });
    it(`${label} by typed expression, to 1e-9`, () => {
      expectMatchesReference(c, runCase(c, { expression: c.formula }));
    });
  }
});

describe('computeTrajectory input', () => {
  const valid = {
    surface: 'rosenbrock',
    optimizer: 'adam',
    params: { lr: 0.01, betas: [0.9, 0.999] },
    start: [-1.5, 2],
    steps: 5,
  };

  it('returns N + 1 points starting at the start, with torch defaults for missing params', () => {
    const result = computeTrajectory(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.output.trajectory).toHaveLength(6);
    expect(result.output.loss).toHaveLength(6);
    expect(result.output.trajectory[0]).toEqual([-1.5, 2]);
    expect(result.output.diverged_at).toBeNull();
  });

  it('is reproducible with gradient noise from the same seed, and differs with another seed', () => {
    const noisy = (seed: number) =>
      computeTrajectory({ ...valid, steps: 20, noise: { sigma: 0.5, seed } });
    expect(noisy(3)).toEqual(noisy(3));
    expect(noisy(3)).not.toEqual(noisy(4));
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a non-object', [1, 2], /^input: expected a JSON object/],
    ['an unknown field', { ...valid, stpes: 3 }, /^stpes: unknown field/],
    ['an unknown surface', { ...valid, surface: 'volcano' }, /^surface: unknown surface "volcano"/],
    [
      'a bad expression',
      { ...valid, surface: { expression: 'sinn(x)' } },
      /^surface\.expression: unknown function "sinn"/,
    ],
    [
      'an unknown optimizer',
      { ...valid, optimizer: 'Adamm' },
      /^optimizer: unknown optimizer "Adamm"/,
    ],
    [
      'an unknown hyperparameter',
      { ...valid, params: { lr: 0.1, momentum: 0.9 } },
      /^params\.momentum: unknown hyperparameter for Adam/,
    ],
    ['betas out of range', { ...valid, params: { betas: [0.9, 1] } }, /^params\.betas: /],
    ['a negative lr', { ...valid, params: { lr: -1 } }, /^params\.lr: /],
    ['a start with one number', { ...valid, start: [1] }, /^start: expected two finite numbers/],
    ['a fractional step count', { ...valid, steps: 2.5 }, /^steps: expected a whole number/],
    ['a huge step count', { ...valid, steps: 1e12 }, /^steps: at most 1,000,000/],
    ['a negative noise', { ...valid, noise: { sigma: -1, seed: 0 } }, /^noise\.sigma: /],
  ];
  for (const [what, input, message] of invalid) {
    it(`rejects ${what} with a message naming the field`, () => {
      const result = computeTrajectory(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    });
  }

  it('stops at the last finite point when the run diverges', () => {
    const result = computeTrajectory({
      ...valid,
      optimizer: 'SGD',
      params: { lr: 10 },
      steps: 100,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { trajectory, loss, diverged_at } = result.output;
    expect(diverged_at).toBeGreaterThan(0);
    expect(trajectory).toHaveLength(diverged_at!);
    expect(loss.every(Number.isFinite)).toBe(true);
    expect(trajectory.flat().every(Number.isFinite)).toBe(true);
  });
});
