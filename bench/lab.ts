/**
 * `npx tsx bench/lab.ts`: the lab's reference sweep — 6 optimizers × 25 learning rates × 100 starts
 * × 500 steps on Rosenbrock (7.5 M particle-steps, plus the leaderboard's re-runs) — timed
 *  1. in Node: on the current thread, and in a pool of 1 and of all cores' worker threads (the same
 *     LabPool and chunk runner as the browser; the numbers are checked identical across pool sizes);
 *  2. in the built app in headless Chromium: the sweep's wall time with 1 worker and with one per
 *     core, and the main thread's frame intervals (median, p95) while the main view keeps playing,
 *     against the same measure with no sweep running.
 * Prints numbers (and the machine's load average, since the machine may be shared), never pass/fail.
 * Options: BENCH_REPEATS (Node timings, default 5), BENCH_BROWSER=0 to skip the browser part.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import { serveStatic } from '../e2e/staticServer.ts';
import { inProcessExecutor, runExperiment, type ChunkExecutor } from '../src/core/lab/run.ts';
import { type LabExperiment } from '../src/core/lab/plan.ts';
import { type LabResult } from '../src/core/lab/score.ts';
import { defaultLabSpec, labWork } from '../src/core/lab/spec.ts';
import { resolveSurface } from '../src/core/scene/resolve.ts';
import { LabPool, type LabWorkerLike } from '../src/playback/labPool.ts';
import type { LabWorkerResponse } from '../src/core/lab/protocol.ts';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const BROWSER = process.env.BENCH_BROWSER !== '0';
const PORT = 4306;
const DIST = 'dist-bench-lab';

const spec = defaultLabSpec(); // 6 optimizers, 25 lrs in [1e-4, 10], 100 starts, 500 steps
const experiment: LabExperiment = {
  surface: { id: 'rosenbrock' },
  view: resolveSurface({ id: 'rosenbrock' }).surface.view,
  seed: 1,
  noise: 0,
  spec,
};
const sweepParticleSteps = spec.optimizers.length * spec.lrCount * spec.starts * spec.steps;

/**
 * A worker thread dressed as a Web Worker for LabPool. Threads do not inherit tsx's loader, so each
 * one registers it before importing the TypeScript worker.
 */
const BOOT = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
register();
await import(${JSON.stringify(new URL('./labNodeWorker.ts', import.meta.url).href)});`;

function nodeWorker(): LabWorkerLike {
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(BOOT)}`));
  const adapter: LabWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (data: LabWorkerResponse) =>
    adapter.onmessage?.({ data } as MessageEvent<LabWorkerResponse>),
  );
  worker.on('error', (error) => adapter.onerror?.({ message: error.message } as ErrorEvent));
  return adapter;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function time(executor: ChunkExecutor): Promise<{ seconds: number; result: LabResult }> {
  const start = performance.now();
  const result = await runExperiment(experiment, executor);
  return { seconds: (performance.now() - start) / 1000, result };
}

async function nodeTimings() {
  const cores = availableParallelism();
  const rows: { executor: string; medianSeconds: number; bestSeconds: number; runs: number[] }[] =
    [];
  let reference: LabResult | undefined;
  let identical = true;
  const measure = async (name: string, executor: ChunkExecutor) => {
    const runs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const { seconds, result } = await time(executor);
      runs.push(Number(seconds.toFixed(3)));
      if (!reference) reference = result;
      else identical &&= isDeepStrictEqual(result, reference);
    }
    const best = Math.min(...runs);
    rows.push({ executor: name, medianSeconds: median(runs), bestSeconds: best, runs });
    console.log(
      `node, ${name}: median ${median(runs).toFixed(3)} s, best ${best.toFixed(3)} s (${runs.join(', ')}), ` +
        `${(labWork(spec) / best / 1e6).toFixed(1)} M particle-steps/s at best`,
    );
  };
  await runExperiment(experiment, inProcessExecutor); // JIT warm-up
  await measure('current thread', inProcessExecutor);
  for (const size of [...new Set([1, cores])]) {
    const pool = new LabPool(size, nodeWorker);
    await runExperiment(experiment, pool); // start the threads and warm their JIT up
    await measure(`${size} worker thread${size > 1 ? 's' : ''}`, pool);
    pool.terminate();
  }
  console.log(`node: results identical across executors and pool sizes: ${identical}`);
  return { cores, rows, identical };
}

interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  stepsAdvanced: number;
}

/** Frame intervals from requestAnimationFrame until `until()` holds in the page (or `ms` pass). */
async function frames(
  page: Page,
  ms: number,
  untilDone: boolean,
): Promise<FrameStats & { wallMs: number }> {
  const raw = await page.evaluate(
    async ({ ms, untilDone }) => {
      const intervals: number[] = [];
      const stepBefore = window.__descentLab!.controller.step;
      const done = () =>
        untilDone && /^Done/.test(document.querySelector('.lab-progress')?.textContent ?? '');
      const start = performance.now();
      await new Promise<void>((resolve) => {
        let last = start;
        const tick = (now: number) => {
          intervals.push(now - last);
          last = now;
          if (done() || (!untilDone && now - start > ms) || now - start > 120_000) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return {
        intervals: intervals.slice(1),
        wallMs: performance.now() - start,
        steps: window.__descentLab!.controller.step - stepBefore,
      };
    },
    { ms, untilDone },
  );
  const sorted = [...raw.intervals].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    medianMs: Number(quantile(sorted, 0.5).toFixed(2)),
    p95Ms: Number(quantile(sorted, 0.95).toFixed(2)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(2)),
    stepsAdvanced: raw.steps,
    wallMs: Math.round(raw.wallMs),
  };
}

async function browserTimings() {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], {
    stdio: 'ignore',
  });
  if (build.status !== 0) throw new Error('build failed');
  const server = await serveStatic(resolve(DIST), PORT);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
  });
  const rows = [];
  try {
    // The page takes one worker per core: a pretend core count picks the pool's size.
    for (const workers of [...new Set([1, availableParallelism()])]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript('globalThis.__name = (fn) => fn;');
      await page.addInitScript(
        `Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${workers} })`,
      );
      await page.goto(`http://127.0.0.1:${PORT}/?s=rosenbrock&speed=120`);
      await page.waitForFunction(() => window.__descentLab !== undefined);
      await page.getByRole('button', { name: 'Lab', exact: true }).click();
      const run = page.getByRole('button', { name: 'Run experiment' });
      await run.waitFor();
      await page.waitForTimeout(1000); // contours, JIT warm-up
      const idle = await frames(page, 3000, false);
      await run.click();
      const during = await frames(page, 0, true);
      const status = (await page.locator('.lab-progress').textContent()) ?? '';
      const row = {
        workers,
        sweepSeconds: Number(/Done in ([\d.]+) s/.exec(status)?.[1] ?? NaN),
        idle,
        duringSweep: during,
      };
      rows.push(row);
      console.log(
        `browser, ${row.workers} worker${row.workers > 1 ? 's' : ''}: sweep ${row.sweepSeconds} s; ` +
          `frames while it runs: median ${during.medianMs} ms, p95 ${during.p95Ms} ms, max ${during.maxMs} ms ` +
          `(${during.frames} frames, main view advanced ${during.stepsAdvanced} steps); ` +
          `no sweep: median ${idle.medianMs} ms, p95 ${idle.p95Ms} ms`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

async function main() {
  console.log(
    `lab sweep on Rosenbrock: ${spec.optimizers.length} optimizers × ${spec.lrCount} lrs × ${spec.starts} starts × ${spec.steps} steps = ` +
      `${(sweepParticleSteps / 1e6).toFixed(2)} M particle-steps (+ leaderboard: ${((labWork(spec) - sweepParticleSteps) / 1e6).toFixed(2)} M)`,
  );
  const loadBefore = loadavg();
  console.log(
    `load average before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')} on ${availableParallelism()} cores`,
  );
  const node = await nodeTimings();
  const browser = BROWSER ? await browserTimings() : [];
  const loadAfter = loadavg();
  console.log(`load average after: ${loadAfter.map((v) => v.toFixed(2)).join(' ')}`);
  const record = {
    date: new Date().toISOString(),
    particleSteps: labWork(spec),
    loadAverage: { before: loadBefore, after: loadAfter },
    node,
    browser,
  };
  console.log(JSON.stringify(record, null, 2));
  mkdirSync('bench/results', { recursive: true });
  appendFileSync('bench/results/lab.jsonl', `${JSON.stringify(record)}\n`);
}

await main();
