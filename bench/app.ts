/**
 * `npm run bench:app`: builds the app, serves the production build, opens it in headless Chromium
 * and measures playback. Prints one JSON object and a summary line per scenario, and appends the
 * result to bench/results/ so the trend is visible across changes. Numbers, never pass/fail.
 *
 * Per scenario: frame intervals from requestAnimationFrame (median, p95, share over 16.7 ms), long
 * tasks from PerformanceObserver, and main-thread task time per frame from the DevTools protocol.
 * Options: BENCH_SECONDS (default 5), BENCH_THROTTLE (CPU throttling rate, default 1).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../e2e/staticServer.ts';

const PORT = 4199;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 1);
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

interface Scenario {
  name: string;
  runs: number;
  /** Start points per run (random in the view, seeded); 1 = the default single start. */
  particles: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'default scene: 6 runs × 1 start', runs: 6, particles: 1 },
  { name: '12 runs × 1,000 random starts, trails on, 60 steps/s', runs: 12, particles: 1000 },
];

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function setUpScenario(page: Page, scenario: Scenario): Promise<void> {
  await page.evaluate(({ runs, particles }) => {
    const { store } = window.__descentLab!;
    const state = store.getState();
    const scene = structuredClone(state.scene);
    const base = scene.runs;
    scene.runs = Array.from({ length: runs }, (_, i) => ({
      ...base[i % base.length],
      id: `b${i}`,
    }));
    if (particles > 1) scene.starts = { kind: 'random', count: particles };
    scene.speed = 60;
    state.loadScene(scene);
    state.play();
  }, scenario);
}

async function measure(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (THROTTLE !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const taskDuration = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  };
  const before = await taskDuration();
  const result = await page.evaluate(async (ms) => {
    const intervals: number[] = [];
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    await new Promise<void>((resolve) => {
      let last = performance.now();
      const end = last + ms;
      const tick = (now: number) => {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    return { intervals: intervals.slice(1), longTasks, step: window.__descentLab!.controller.step };
  }, seconds * 1000);
  const after = await taskDuration();
  await cdp.detach();
  const sorted = [...result.intervals].sort((a, b) => a - b);
  const frames = result.intervals.length;
  return {
    frames,
    frameMedianMs: Number(quantile(sorted, 0.5).toFixed(2)),
    frameP95Ms: Number(quantile(sorted, 0.95).toFixed(2)),
    framesOver16_7ms: Number((sorted.filter((t) => t > 16.7 * 1.5).length / frames).toFixed(3)),
    mainThreadMsPerFrame: Number((((after - before) * 1000) / frames).toFixed(2)),
    longTasks: result.longTasks.length,
    longestTaskMs: Number(Math.max(0, ...result.longTasks).toFixed(1)),
    stepReached: result.step,
  };
}

async function main() {
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const server = await serveStatic(resolve('dist'), PORT);
  try {
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const results = [];
    for (const scenario of SCENARIOS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // tsx keeps function names with a `__name` helper that does not exist inside the page.
      await page.addInitScript('globalThis.__name = (fn) => fn;');
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => window.__descentLab !== undefined);
      await setUpScenario(page, scenario);
      await page.waitForTimeout(1000); // contours, JIT warm-up
      const numbers = await measure(page, SECONDS);
      results.push({ scenario: scenario.name, ...numbers });
      console.log(
        `${scenario.name}: frame median ${numbers.frameMedianMs} ms, p95 ${numbers.frameP95Ms} ms, ` +
          `main thread ${numbers.mainThreadMsPerFrame} ms/frame, long tasks ${numbers.longTasks}`,
      );
      await page.close();
    }
    await browser.close();
    const record = {
      date: new Date().toISOString(),
      cpuThrottling: THROTTLE,
      seconds: SECONDS,
      results,
    };
    console.log(JSON.stringify(record, null, 2));
    mkdirSync('bench/results', { recursive: true });
    appendFileSync('bench/results/app.jsonl', `${JSON.stringify(record)}\n`);
  } finally {
    server.close();
  }
}

await main();
