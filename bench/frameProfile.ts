/**
 * `npx tsx bench/frameProfile.ts URL [frames] [throttle]`: where a served page's main-thread time
 * goes while it animates. Records a DevTools trace and a sampled CPU profile over `frames`
 * animation frames (default 60) and prints, per frame: the renderer main thread's self time by
 * trace event (script, style, layout, paint, compositing, GC…) and the JavaScript functions with the
 * most self time. An optional fourth argument is an expression evaluated in the page before
 * recording, to try a variant. Numbers to read, never pass/fail.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import {
  collectTrace,
  profileSamples,
  rendererMainThread,
  selfTimes,
  type CpuProfile,
} from './traceTools.ts';

const [url = 'http://127.0.0.1:4312/', framesArg = '60', throttleArg = '1', setup = ''] =
  process.argv.slice(2);
const FRAMES = Number(framesArg);
const THROTTLE = Number(throttleArg);
function profileSelfTimes(profile: CpuProfile): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { key, ms } of profileSamples(profile)) totals.set(key, (totals.get(key) ?? 0) + ms);
  return totals;
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
  const events = await collectTrace(cdp, () => waitFrames(FRAMES));
  const { profile } = await cdp.send('Profiler.stop');
  const main = rendererMainThread(events);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X');
  const frames = FRAMES;
  const taskMs = tasks.reduce((sum, e) => sum + e.dur!, 0) / 1000;
  const taskCpuMs = tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  console.log(
    `${url} at ${THROTTLE}×: ${frames} animation frames, main-thread tasks ${(taskMs / frames).toFixed(2)} ms ` +
      `per frame (wall), ${(taskCpuMs / frames).toFixed(2)} ms (CPU)`,
  );
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
  print('JavaScript self time by function (sampled)', profileSelfTimes(profile), frames, 30);
} finally {
  await browser.close();
}
