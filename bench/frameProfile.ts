/**
 * `npx tsx bench/frameProfile.ts URL [frames] [throttle]`: where a served page's main-thread time
 * goes while it animates. Records a DevTools trace and a sampled CPU profile over `frames`
 * animation frames (default 60) and prints, per frame: the renderer main thread's self time by
 * trace event (script, style, layout, paint, compositing, GC…) and the JavaScript functions with the
 * most self time. An optional fourth argument is an expression evaluated in the page before
 * recording, to try a variant. When the page is Descent Lab, the steps the clock advanced are
 * counted too, and CPU time is also given per step: on a loaded machine frames last longer and each
 * takes more steps, so per step compares two builds more fairly than per frame. PROFILE_CALLERS=name
 * also prints who calls the JavaScript functions of that name, by sampled self time;
 * LONG_FRAME_MS=ms lists the frames that took more main-thread CPU than that, and what was in them
 * (trace events and sampled JavaScript functions).
 * Numbers to read, never pass/fail.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import {
  collectTrace,
  profileSamples,
  rendererMainThread,
  selfTimes,
  threadNamesOf,
  type CpuProfile,
  type ProfileNode,
  type TraceEvent,
} from './traceTools.ts';

const [url = 'http://127.0.0.1:4312/', framesArg = '60', throttleArg = '1', setup = ''] =
  process.argv.slice(2);
const FRAMES = Number(framesArg);
const THROTTLE = Number(throttleArg);
/** Sampled self time of functions named `name`, by their caller's name. */
function callerTimes(profile: CpuProfile, name: string): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName !== name) return;
    const caller = parent.get(id)?.callFrame;
    const key = caller ? `${caller.functionName || '(anonymous)'} :${caller.lineNumber + 1}` : '?';
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return totals;
}

type Sample = ReturnType<typeof profileSamples>[number];

/** Sampled self time by function, of the samples from `from` to `to` (trace clock, µs). */
function sampledSelfTimes(samples: Sample[], from = -Infinity, to = Infinity): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { ts, key, ms } of samples) {
    if (ts >= from && ts < to) totals.set(key, (totals.get(key) ?? 0) + ms);
  }
  return totals;
}

/**
 * The frames whose main-thread tasks took more than `ms` of CPU (LONG_FRAME_MS=ms): a frame runs
 * from one animation frame's start to the next's. Each with the events of most self time in it.
 */
function printLongFrames(main: TraceEvent[], samples: Sample[], ms: number): void {
  const starts = main
    .filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X');
  console.log(`\nframes of more than ${ms} ms main-thread CPU (self CPU ms by event)`);
  for (let i = 0; i + 1 < starts.length; i++) {
    const [from, to] = [starts[i], starts[i + 1]];
    const inFrame = tasks.filter((t) => t.ts >= from && t.ts < to);
    const cpu = inFrame.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000;
    if (cpu <= ms) continue;
    const spans = main.filter((e) => e.ts >= from && e.ts < to);
    const top = [...selfTimes(spans, new Map())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${(us / 1000).toFixed(2)}`);
    // Without V8's pseudo-functions ((program), (idle), (garbage collector)): the page's own code.
    const topJs = [...sampledSelfTimes(samples, from, to)]
      .filter(([name]) => !name.startsWith('('))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, sampled]) => `${name} ${sampled.toFixed(2)}`);
    console.log(
      `  frame ${i}: ${cpu.toFixed(2)} ms CPU, ${((to - from) / 1000).toFixed(1)} ms long: ${top.join(' · ')}` +
        `\n    JS: ${topJs.join(' · ')}`,
    );
  }
}

const print = (title: string, totals: Map<string, number>, frames: number, top: number) => {
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${title} (ms per frame)`);
  for (const [name, ms] of rows) console.log(`  ${(ms / frames).toFixed(3).padStart(8)}  ${name}`);
};

const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
  // tsx keeps function names with a `__name` helper that does not exist inside the page.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  const cdp = await page.context().newCDPSession(page);
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.goto(url, { waitUntil: 'load' });
  // Past the start: the full contours drawn (when the page has them), the JIT warm.
  await page
    .waitForFunction(() => performance.getEntriesByName('contours-full-painted').length > 0, null, {
      timeout: 20_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(1000);
  // An optional expression run before recording, to try a variant (hide a layer, change a scene).
  if (setup) await page.evaluate(setup);
  await page.waitForTimeout(500);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const waitFrames = (n: number) =>
    page.evaluate(
      (count) =>
        new Promise<void>((resolve) => {
          let left = count;
          const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
      n,
    );
  const clockStep = () =>
    page.evaluate(
      () =>
        (window as unknown as { __descentLab?: { controller: { step: number } } }).__descentLab
          ?.controller.step ?? NaN,
    );
  const stepBefore = await clockStep();
  const events = await collectTrace(cdp, () => waitFrames(FRAMES));
  const steps = (await clockStep()) - stepBefore;
  const { profile } = await cdp.send('Profiler.stop');
  const threadNames = threadNamesOf(events);
  const main = rendererMainThread(events);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X');
  const frames = FRAMES;
  const taskMs = tasks.reduce((sum, e) => sum + e.dur!, 0) / 1000;
  const taskCpuMs = tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  console.log(
    `${url} at ${THROTTLE}×: ${frames} animation frames, main-thread tasks ${(taskMs / frames).toFixed(2)} ms ` +
      `per frame (wall), ${(taskCpuMs / frames).toFixed(2)} ms (CPU)` +
      (steps > 0 ? `; ${steps} steps, ${(taskCpuMs / steps).toFixed(2)} ms CPU per step` : ''),
  );
  // Workers (CPU throttling does not reach them: DevTools throttles pages only): their busy time.
  for (const [key, name] of threadNames) {
    if (name !== 'DedicatedWorker thread') continue;
    const spans = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.tdur);
    const cpu = selfTimes(spans, new Map());
    const ms = [...cpu.values()].reduce((sum, us) => sum + us, 0) / 1000;
    if (ms > 0)
      console.log(
        `worker ${key}: ${(ms / frames).toFixed(2)} ms CPU per frame` +
          (steps > 0 ? `, ${(ms / steps).toFixed(2)} per step` : ''),
      );
  }
  const counts = new Map<string, number>();
  const micro = selfTimes(main, counts);
  print(
    'main thread CPU self time by trace event (and events per frame)',
    new Map(
      [...micro].map(([name, us]) => [
        `${name} (${((counts.get(name) ?? 0) / frames).toFixed(2)})`,
        us / 1000,
      ]),
    ),
    frames,
    25,
  );
  const samples = profileSamples(profile);
  print('JavaScript self time by function (sampled)', sampledSelfTimes(samples), frames, 30);
  const callersOf = process.env.PROFILE_CALLERS;
  if (callersOf) print(`callers of ${callersOf}`, callerTimes(profile, callersOf), frames, 10);
  const longFrameMs = Number(process.env.LONG_FRAME_MS);
  if (longFrameMs > 0) printLongFrames(main, samples, longFrameMs);
} finally {
  await browser.close();
}
