/**
 * `npm run bench:network`: the network view's work on this machine, printed as numbers (never a
 * pass/fail test). Six optimizers training a [2, 16, 16, 1] net on 400 points, full batch (per
 * step and per 300-step training), and the 41 × 41 landscape grid of that net, on one thread and
 * its larger half (about what each of the page's 2 grid Workers does), in wall and CPU time (the
 * machines here are shared: CPU time varies less with the load); then, in headless Chromium, the
 * wait from the runs trained to their landscape painted, and the frames dropped and long tasks
 * from the load to 5 s of the race after it, while the Worker trains, and from the runs trained
 * (see measurePage).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import { serveStatic } from '../e2e/staticServer.ts';
import { calibrationMilliseconds } from './calibration.ts';
import { collectTrace, rendererMainThread, type TraceEvent } from './traceTools.ts';
import { buildExperiment } from '../src/core/nn/experiment.ts';
import { networkScene } from '../src/core/nn/networkScene.ts';
import { answerGrid, answerTrain, prepareGrid } from '../src/core/nn/work.ts';
import { defaultScene } from '../src/core/scene/scene.ts';
import { encodeScene } from '../src/core/scene/url.ts';
import { networkSpecs } from '../src/core/nn/onDemand.ts';
import { NETWORK_MARKS } from '../src/ui/network/marks.ts';

console.log(
  `calibration: ${calibrationMilliseconds()} ms (a fixed scalar loop; larger = slower machine now)`,
);
const scene = networkScene(defaultScene());
const spec = scene.network!;
const runs = scene.runs.map(({ optimizer, params }) => ({ optimizer, params }));

const t0 = performance.now();
const trained = answerTrain({ spec, seed: scene.seed, runs }, () => {});
const trainMs = performance.now() - t0;
if (trained.type !== 'done') throw new Error('training failed');
const stepsPerRun = spec.steps;
console.log(
  `train: ${runs.length} optimizers × ${stepsPerRun} steps on [2, ${spec.hidden.join(', ')}, 1], ${spec.samples} points (${Math.round(spec.samples * (1 - spec.testFraction))} train): ${trainMs.toFixed(0)} ms, ${((trainMs / (runs.length * stepsPerRun)) * 1000).toFixed(0)} µs per optimizer-step (incl. test loss and accuracy each step)`,
);
console.log(
  `  → steps/s for all ${runs.length} runs together: ${((runs.length * stepsPerRun) / (trainMs / 1000) / runs.length).toFixed(0)}`,
);

/** Wall and CPU milliseconds of `work` (this process's CPU: one thread here). */
function timed(work: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}
const show = ({ wall, cpu }: { wall: number; cpu: number }) =>
  `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)`;

const side = 41;
const trainSamples = buildExperiment(spec, scene.seed).train.size;
const units = spec.hidden.reduce((sum, width) => sum + width, 0);
console.log(
  `grid ${side}×${side}: ${side * side} points × ${trainSamples} train samples = ${(side * side * trainSamples).toLocaleString('en')} forward passes, ${((side * side * trainSamples * units) / 1e6).toFixed(1)} M ${spec.activation} calls`,
);
const grid = (rows: [number, number]) =>
  answerGrid({
    type: 'rows',
    spec,
    seed: scene.seed,
    plane: trained.plane,
    extent: trained.extent,
    side,
    rows,
  });
// What a grid Worker does while the runs train (its first code to run: cold).
console.log(
  `  preparation (experiment, warm-up): ${show(timed(() => prepareGrid({ type: 'prepare', spec, seed: scene.seed })))}`,
);
for (let repeat = 0; repeat < 3; repeat++) {
  const whole = timed(() => grid([0, side]));
  const half = timed(() => grid([0, 21]));
  console.log(
    `  on one thread: ${show(whole)}; the larger half (21 rows, one of 2 workers): ${show(half)}`,
  );
}

/** What a page records from its first script on: every animation frame and long task. */
function recordFrames(): void {
  const record = { frames: [] as number[], longTasks: [] as { start: number; duration: number }[] };
  Object.assign(window, { __frames: record });
  const tick = (now: number) => {
    record.frames.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      record.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

interface Smoothness {
  /** Frames a 60 Hz display did not get (an interval of k periods misses k − 1). */
  dropped: number;
  longestFrame: number;
  longTasks: number[];
}

/** Dropped frames and long tasks among those recorded from `from` to `to` (page ms). */
function smoothness(
  record: { frames: number[]; longTasks: { start: number; duration: number }[] },
  from: number,
  to: number,
): Smoothness {
  const frames = record.frames.filter((t) => t >= from && t <= to);
  let dropped = 0;
  let longestFrame = 0;
  for (let i = 1; i < frames.length; i++) {
    const interval = frames[i] - frames[i - 1];
    dropped += Math.max(0, Math.round(interval / (1000 / 60)) - 1);
    longestFrame = Math.max(longestFrame, interval);
  }
  const longTasks = record.longTasks
    .filter((task) => task.start + task.duration >= from && task.start <= to)
    .map((task) => task.duration);
  return { dropped, longestFrame, longTasks };
}

const describe = ({ dropped, longestFrame, longTasks }: Smoothness) =>
  `${dropped} dropped frames (longest ${longestFrame.toFixed(0)} ms), ${longTasks.length} long tasks` +
  (longTasks.length ? ` (${longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : '');

/** Main-thread tasks and User Timing marks are all this trace needs. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
];

/**
 * The CPU time of the page's main-thread tasks from the runs trained to `afterLandscapeMs` past
 * the landscape: the largest, and how many took more than a 60 Hz frame. The page's main thread
 * is the renderer thread that ran the animation frames.
 */
function mainThreadCpu(events: TraceEvent[], afterLandscapeMs: number): string {
  const mark = (name: string) => events.find((e) => e.name === name)?.ts;
  const [from, landscape] = [mark(NETWORK_MARKS.trained), mark(NETWORK_MARKS.landscape)];
  if (from === undefined || landscape === undefined) return 'no trace';
  const to = landscape + afterLandscapeMs * 1000;
  const cpu = rendererMainThread(events)
    .filter((e) => e.name === 'RunTask' && e.ph === 'X')
    .filter((e) => e.ts >= from && e.ts < to)
    .map((e) => (e.tdur ?? 0) / 1000);
  return `largest main-thread task ${Math.max(0, ...cpu).toFixed(1)} ms of CPU, ${cpu.filter((ms) => ms > 1000 / 60).length} over 16.7 ms`;
}

/** How long the race is watched after the landscape is painted. */
const WATCH_MS = 5000;

/**
 * In the page: from the runs trained to their 41 × 41 landscape painted (User Timing marks), and
 * the frames dropped and long tasks on the main thread from the load to 5 s after the landscape
 * is painted (the race playing), also counted from the runs trained on, with the CPU time of the
 * main thread's tasks from a DevTools trace (which the machine's load changes less than the frames);
 * each load a fresh page of the scene above, with the machine's load average beside it. Needs a build (`npx vite build`, or
 * BENCH_DIST); BENCH_PAGE_REPEATS=0 skips it.
 */
async function measurePage(): Promise<void> {
  const repeats = Number(process.env.BENCH_PAGE_REPEATS ?? 5);
  const dist = process.env.BENCH_DIST ?? 'dist';
  if (repeats === 0) return;
  if (!existsSync(`${dist}/index.html`)) {
    console.log(`page: skipped, no build in ${dist} (npx vite build, or BENCH_DIST)`);
    return;
  }
  const port = Number(process.env.BENCH_PORT ?? 4198);
  const server = await serveStatic(resolve(dist), port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
  });
  await networkSpecs.load();
  const query = `?${encodeScene(scene)}`;
  const waits: number[] = [];
  const dropped: number[] = [];
  try {
    for (let repeat = 0; repeat < repeats; repeat++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // tsx keeps function names with a `__name` helper that does not exist inside the page.
      await page.addInitScript('globalThis.__name = (fn) => fn;');
      await page.addInitScript(recordFrames);
      const load = loadavg()[0];
      let marks = { training: 0, trained: 0, landscape: 0 };
      let end = 0;
      const trace = await collectTrace(
        await page.context().newCDPSession(page),
        async () => {
          await page.goto(`http://127.0.0.1:${port}/${query}`);
          const answer = await page.waitForFunction(
            ({ training, trained, landscape }) => {
              const [s] = performance.getEntriesByName(training);
              const [t] = performance.getEntriesByName(trained);
              const [l] = performance.getEntriesByName(landscape);
              return s && t && l
                ? { training: s.startTime, trained: t.startTime, landscape: l.startTime }
                : null;
            },
            NETWORK_MARKS,
            { timeout: 120_000, polling: 100 },
          );
          marks = (await answer.jsonValue()) as typeof marks;
          end = marks.landscape + WATCH_MS;
          await page.waitForFunction((until) => performance.now() > until, end, { polling: 250 });
        },
        TRACE_CATEGORIES,
      );
      const record = await page.evaluate(
        () =>
          (
            window as unknown as {
              __frames: Parameters<typeof smoothness>[0];
            }
          ).__frames,
      );
      const wait = marks.landscape - marks.trained;
      waits.push(wait);
      const fromLoad = smoothness(record, 0, end);
      dropped.push(fromLoad.dropped);
      console.log(
        `page: trained → landscape painted ${wait.toFixed(0)} ms (load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
      );
      console.log(`  load → landscape + ${WATCH_MS / 1000} s: ${describe(fromLoad)}`);
      console.log(
        `  while the Worker trains (${(marks.trained - marks.training).toFixed(0)} ms): ${describe(smoothness(record, marks.training, marks.trained))}`,
      );
      console.log(
        `  trained → landscape + ${WATCH_MS / 1000} s: ${describe(smoothness(record, marks.trained, end))}; ${mainThreadCpu(trace, WATCH_MS)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  console.log(
    `page: median ${median(waits).toFixed(0)} ms, range ${Math.min(...waits).toFixed(0)}–${Math.max(...waits).toFixed(0)} ms over ${waits.length} loads; dropped frames from load, median ${median(dropped)}, range ${Math.min(...dropped)}–${Math.max(...dropped)}`,
  );
}

await measurePage();
