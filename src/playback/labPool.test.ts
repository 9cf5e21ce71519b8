import { describe, expect, it } from 'vitest';
import { runChunk } from '../core/lab/chunk.ts';
import { inProcessExecutor, runExperiment } from '../core/lab/run.ts';
import { type LabExperiment } from '../core/lab/plan.ts';
import { defaultLabSpec } from '../core/lab/spec.ts';
import { LabPool, defaultPoolSize, type LabWorkerLike } from './labPool.ts';
import type { LabWorkerRequest, LabWorkerResponse } from '../core/lab/protocol.ts';

/** An in-process stand-in for a Worker: the same chunk runner, answering after a varying delay. */
class FakeWorker implements LabWorkerLike {
  onmessage: LabWorkerLike['onmessage'] = null;
  onerror: LabWorkerLike['onerror'] = null;
  terminated = false;
  handled: number[] = [];
  constructor(private readonly fail = false) {}
  postMessage({ chunk }: LabWorkerRequest): void {
    this.handled.push(chunk.index);
    setTimeout(
      () => {
        if (this.terminated) return;
        const data: LabWorkerResponse = this.fail
          ? { ok: false, index: chunk.index, error: 'boom' }
          : { ok: true, result: runChunk(chunk) };
        this.onmessage?.({ data } as MessageEvent<LabWorkerResponse>);
      },
      (chunk.index * 7) % 5,
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

const experiment: LabExperiment = {
  surface: { id: 'rosenbrock' },
  view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  seed: 3,
  noise: 0.5,
  spec: {
    ...defaultLabSpec(),
    optimizers: ['sgd', 'adam', 'perturbed-gd'],
    lrs: [0.001, 0.1, 0.01],
    lrCount: 5,
    starts: 12,
    steps: 80,
  },
};

describe('LabPool', () => {
  it('gives identical results with 1, 2 and 4 workers, the same as in-process', async () => {
    const reference = await runExperiment(experiment, inProcessExecutor);
    for (const size of [1, 2, 4]) {
      const workers: FakeWorker[] = [];
      const pool = new LabPool(size, () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      });
      expect(await runExperiment(experiment, pool)).toEqual(reference);
      expect(workers).toHaveLength(size);
      if (size > 1) for (const worker of workers) expect(worker.handled.length).toBeGreaterThan(0);
    }
    const basins = {
      ...experiment,
      spec: { ...experiment.spec, kind: 'basins' as const, starts: 30, steps: 600 },
    };
    expect(await runExperiment(basins, new LabPool(3, () => new FakeWorker()))).toEqual(
      await runExperiment(basins, inProcessExecutor),
    );
  });

  it('cancels at once, terminating its workers, and runs again afterwards', async () => {
    const workers: FakeWorker[] = [];
    const pool = new LabPool(2, () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    });
    const controller = new AbortController();
    let results = 0;
    const running = runExperiment(experiment, pool, {
      signal: controller.signal,
      onProgress: () => {
        if (++results === 3) controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.every((worker) => worker.terminated)).toBe(true);
    expect(await runExperiment(experiment, pool)).toEqual(
      await runExperiment(experiment, inProcessExecutor),
    );
    expect(workers).toHaveLength(4);
  });

  it('reports a worker’s error and stays usable', async () => {
    let fail = true;
    const pool = new LabPool(2, () => new FakeWorker(fail));
    await expect(runExperiment(experiment, pool)).rejects.toThrow(/chunk \d+: boom/);
    fail = false;
    await expect(runExperiment(experiment, pool)).resolves.toMatchObject({ kind: 'sweep' });
  });

  it('takes one worker per core, capped', () => {
    expect(defaultPoolSize(undefined)).toBe(2);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(8)).toBe(8);
    expect(defaultPoolSize(64)).toBe(8);
  });
});
