import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(stdin: string, file = '-') {
  const result = spawnSync('node', ['--import', 'tsx', 'src/cli/trajectory.ts', file], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('trajectory CLI', () => {
  it('prints the trajectory of a valid request read from stdin', () => {
    const { code, stdout, stderr } = cli(
      JSON.stringify({
        surface: { expression: 'x^2 + y^2' },
        optimizer: 'SGD',
        params: { lr: 0.1 },
        start: [1, 2],
        steps: 2,
      }),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      trajectory: [
        [1, 2],
        [0.8, 1.6],
        [0.64, 1.28],
      ],
      loss: [5, 0.8 * 0.8 + 1.6 * 1.6, 0.64 * 0.64 + 1.28 * 1.28],
      diverged_at: null,
      lr: [0.1, 0.1],
      evaluations: [1, 2],
    });
  });

  it('runs a schedule and prints the lr (and cycled momentum) each step used', () => {
    const { code, stdout, stderr } = cli(
      JSON.stringify({
        surface: { expression: 'x^2 + y^2' },
        optimizer: 'SGD',
        params: { lr: 0.1, momentum: 0.9 },
        start: [1, 2],
        steps: 3,
        schedule: { name: 'CyclicLR', params: { base_lr: 0.01, max_lr: 0.05, step_size_up: 2 } },
      }),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.lr).toEqual([0.01, 0.01 + 0.04 * 0.5, 0.05]);
    expect(output.momentum).toEqual([0.9, 0.9 - (0.9 - 0.8) * 0.5, 0.8]);
    expect(output.trajectory).toHaveLength(4);
  });

  it('refuses a bad schedule with torch’s message, and OneCycleLR stepped past its end', () => {
    const request = {
      surface: 'quadratic',
      optimizer: 'SGD',
      params: { lr: 0.1 },
      start: [1, 2],
      steps: 10,
    };
    const badT0 = cli(
      JSON.stringify({
        ...request,
        schedule: { name: 'CosineAnnealingWarmRestarts', params: { T_0: 0 } },
      }),
    );
    expect(badT0.code).toBe(2);
    expect(badT0.stderr).toBe('schedule.params.T_0: Expected positive integer T_0, but got 0\n');
    const overrun = cli(
      JSON.stringify({
        ...request,
        schedule: { name: 'OneCycleLR', params: { max_lr: 0.1, total_steps: 9 } },
      }),
    );
    expect(overrun.code).toBe(2);
    expect(overrun.stderr).toBe(
      'schedule: Tried to step 11 times. The specified number of total steps is 9\n',
    );
  });

  it('exits 2 with one line naming the field for invalid input, and prints nothing on stdout', () => {
    const { code, stdout, stderr } = cli(
      JSON.stringify({
        surface: 'rosenbrock',
        optimizer: 'Adam',
        params: { betas: [0.9] },
        start: [0, 0],
        steps: 3,
      }),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^params\.betas: /);
  });

  it('exits 2 with one line for a file it cannot read, the path echoed on one line', () => {
    const { code, stdout, stderr } = cli('', 'no/such\nfile.json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('input: cannot read "no/such\\nfile.json": ENOENT\n');
  });

  it('exits 2 for text that is not JSON', () => {
    const { code, stderr } = cli('{"surface": ');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^input: not valid JSON/);
  });

  it('reports divergence with exit code 0', () => {
    const { code, stdout } = cli(
      JSON.stringify({
        surface: 'rosenbrock',
        optimizer: 'SGD',
        params: { lr: 0.01 },
        start: [-1.5, 2],
        steps: 100,
      }),
    );
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.diverged_at).toBe(7);
    expect(output.trajectory).toHaveLength(7);
  });
});
