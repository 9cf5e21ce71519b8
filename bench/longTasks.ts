/**
 * `npx tsx bench/longTasks.ts URL [seconds] [throttle]`: what each long task of a served
 * page is. Records a DevTools trace and a sampled CPU profile from navigation to `seconds` later
 * (default 10) and prints every main-thread task of 50 ms or more: when it started (ms after
 * navigation), its wall and CPU time, the trace events with the most self time in it and the
 * JavaScript functions sampled in it: `npm run bench:app`'s "long tasks after load" of the default
 * scene, one by one. Numbers to read, never pass/fail.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import {
  collectTrace,
  profileSamples,
  rendererMainThread,
  selfTimes,
  type TraceEvent,
} from './traceTools.ts';

const [url = 'http://127.0.0.1:4312/', secondsArg = '10', throttleArg = '1'] =
  process.argv.slice(2);
const SECONDS = Number(secondsArg);
const THROTTLE = Number(throttleArg);
const LONG_MS = 50;

const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  const cdp = await page.context().newCDPSession(page);
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  let loadEnd = 0;
  const events = await collectTrace(cdp, async () => {
    await page.goto(url, { waitUntil: 'load' });
    loadEnd = await page.evaluate(
      () =>
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    );
    await page.waitForTimeout(SECONDS * 1000);
  });
  const { profile } = await cdp.send('Profiler.stop');
  const main = rendererMainThread(events);
  const origin = events.find((e) => e.name === 'navigationStart' && e.pid === main[0]?.pid)?.ts;
  const since = (ts: number) => (origin === undefined ? NaN : (ts - origin) / 1000);
  const samples = profileSamples(profile);
  const long = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur! >= LONG_MS * 1000);
  console.log(
    `${url} at ${THROTTLE}×: ${long.length} tasks ≥ ${LONG_MS} ms in ` +
      `${SECONDS} s from navigation; load event ended at ${loadEnd.toFixed(0)} ms`,
  );
  for (const task of long) {
    const end = task.ts + task.dur!;
    const inside = main.filter((e) => e.ts >= task.ts && e.ts < end);
    const events = [...selfTimes(inside as TraceEvent[], new Map())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.EVENTS ?? 6))
      .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`);
    const js = new Map<string, number>();
    const within = new Map<string, number>();
    for (const { ts, key, stack, ms } of samples) {
      if (ts < task.ts || ts >= end || key.startsWith('(')) continue;
      js.set(key, (js.get(key) ?? 0) + ms);
      for (const caller of new Set(stack)) within.set(caller, (within.get(caller) ?? 0) + ms);
    }
    const top = (totals: Map<string, number>, count: number) =>
      [...totals]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([key, ms]) => `${key} ${ms.toFixed(1)}`)
        .join(' · ');
    const scripts = inside
      .filter((e) => e.name === 'EvaluateScript' || e.name === 'v8.compileModule')
      .map((e) => (e.args?.data as { url?: string } | undefined)?.url ?? '')
      .filter(Boolean);
    console.log(
      `\n${since(task.ts).toFixed(0)} ms${task.ts / 1000 >= 0 && since(task.ts) >= loadEnd ? ' (after load)' : ''}: ` +
        `${(task.dur! / 1000).toFixed(1)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(1)} ms CPU`,
    );
    console.log(`  events (self CPU ms): ${events.join(' · ')}`);
    if (scripts.length > 0) console.log(`  scripts: ${[...new Set(scripts)].join(', ')}`);
    console.log(`  JS self (sampled ms): ${top(js, 8)}`);
    console.log(
      `  JS callers (sampled ms, inclusive): ${top(within, Number(process.env.CALLERS ?? 14))}`,
    );
  }
} finally {
  await browser.close();
}
