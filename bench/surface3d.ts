/**
 * `npm run bench:3d`: the 3D view against the 2D plot, in headless Chromium with software GL
 * (SwiftShader, what these machines have). Builds the app, serves the production build and prints
 * one JSON object with a summary line per measurement. Numbers, never pass/fail.
 *
 * - playing: the default scene (6 runs, 1 start) at 1× CPU in 2D and in 3D (a 200 × 200 mesh):
 *   frame intervals from requestAnimationFrame (median, p95, fps), main-thread task time per frame
 *   from the DevTools protocol, long tasks (> 50 ms) from PerformanceObserver;
 * - orbiting: the 3D view paused while the mouse drags it around for a few seconds: the longest
 *   frame interval and every long task;
 * - the mesh: building the default scene's 200 × 200 mesh in Node (what the Worker runs);
 * - bytes: the 3D chunk and the mesh Worker, gzip, beside the entry chunk.
 * Options: BENCH_SECONDS (each window, default 5), BENCH_REPEATS (default 3, the median is shown),
 * BENCH_PORT (default 4338, for several checkouts side by side), BENCH_ONLY=orbit (only orbiting).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium.ts';
import { serveStatic } from '../e2e/staticServer.ts';
import { watchFrames } from './frameWatch.ts';
import { computeMesh, MESH_CELLS } from '../src/core/surface3d/compute.ts';
import { getSurface } from '../src/core/surfaces/index.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4338);
const ORBIT_ONLY = process.env.BENCH_ONLY === 'orbit';
const URL = `http://127.0.0.1:${PORT}/`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function open(browser: Browser, query: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a `__name` helper that does not exist inside the page.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${URL}${query}`);
  await page.waitForFunction(() => window.__descentLab !== undefined);
  if (query.includes('view=3d')) {
    await page.getByTestId('surface3d-canvas').waitFor();
    await page.getByText('Building the 3D surface…').waitFor({ state: 'hidden' });
  }
  return { page, cdp };
}

/** Frame statistics over `ms`, while `during` runs (a drag, or nothing). */
async function frameStats(page: Page, cdp: CDPSession, ms: number, during?: () => Promise<void>) {
  const { sorted, longTasks, mainThreadMsPerFrame } = await watchFrames(page, cdp, ms, during);
  return {
    frameMedianMs: quantile(sorted, 0.5),
    frameP95Ms: quantile(sorted, 0.95),
    frameMaxMs: sorted[sorted.length - 1] ?? NaN,
    fps: 1000 / quantile(sorted, 0.5),
    mainThreadMsPerFrame,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
  };
}

async function measurePlaying(browser: Browser, query: string) {
  const { page, cdp } = await open(browser, query);
  await page.evaluate(() => window.__descentLab!.store.getState().play());
  await page.waitForTimeout(1000); // JIT warm-up
  const result = await frameStats(page, cdp, SECONDS * 1000);
  await page.close();
  return result;
}

async function measureOrbit(browser: Browser) {
  const { page, cdp } = await open(browser, '?view=3d');
  await page.evaluate(() => window.__descentLab!.store.getState().pause());
  const box = (await page.getByTestId('surface3d-canvas').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const end = Date.now() + SECONDS * 1000;
  const result = await frameStats(page, cdp, SECONDS * 1000, async () => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 0; Date.now() < end; i++) {
      await page.mouse.move(x + 200 * Math.sin(i / 20), y + 60 * Math.sin(i / 33));
    }
    await page.mouse.up();
  });
  await page.close();
  return result;
}

function medianOf<T extends Record<string, number>>(results: T[]): T {
  const out: Record<string, number> = {};
  for (const key of Object.keys(results[0])) {
    out[key] = round(median(results.map((r) => r[key])), 2);
  }
  return out as T;
}

function gzipOf(prefix: string): { file: string; gzipBytes: number } {
  const dir = resolve('dist/assets');
  const file = readdirSync(dir).find((name) => name.startsWith(prefix) && name.endsWith('.js'))!;
  return { file, gzipBytes: gzipSync(readFileSync(resolve(dir, file))).length };
}

function measureMeshBuild() {
  const beale = getSurface('beale')!;
  const request = {
    surface: { id: 'beale' },
    extent: beale.view,
    cells: MESH_CELLS,
    contours: 'auto',
    heights: 'auto',
    levelCount: 20,
  } as const;
  computeMesh(request); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    computeMesh(request);
    times.push(performance.now() - start);
  }
  return { meshBuildMedianMs: round(median(times)) };
}

async function main() {
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  await serveStatic(resolve('dist'), PORT);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
  });
  const renderer = await (async () => {
    const page = await browser.newPage();
    const name = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'none';
    });
    await page.close();
    return name;
  })();
  const repeats = async <T extends Record<string, number>>(measure: () => Promise<T>) => {
    const results: T[] = [];
    for (let i = 0; i < REPEATS; i++) results.push(await measure());
    return results;
  };
  const repeat = async <T extends Record<string, number>>(measure: () => Promise<T>) =>
    medianOf(await repeats(measure));
  // Each repeat's long tasks, not only the median: the target is "never".
  const orbitRepeats = await repeats(() => measureOrbit(browser));
  const orbit3d = medianOf(orbitRepeats);
  const playing2d = ORBIT_ONLY ? null : await repeat(() => measurePlaying(browser, ''));
  const playing3d = ORBIT_ONLY ? null : await repeat(() => measurePlaying(browser, '?view=3d'));
  await browser.close();
  const result = {
    date: new Date().toISOString(),
    renderer,
    playing2d,
    playing3d,
    orbit3d,
    orbitLongTasks: orbitRepeats.map(
      (r) => `${r.longTasks} (longest ${round(r.longestTaskMs)} ms)`,
    ),
    ...measureMeshBuild(),
    bytes: {
      entry: gzipOf('index-'),
      plot3d: gzipOf('Plot3dPanel-'),
      // The renderer, overlay and mesh client: a chunk the 3D panel shares with the Export dialog.
      plot3dShared: gzipOf('meshClient-'),
      meshWorker: gzipOf('meshWorker-'),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  const line = (name: string, r: typeof orbit3d | null) =>
    r &&
    `${name}: ${round(r.fps)} fps (median frame ${r.frameMedianMs} ms, p95 ${r.frameP95Ms} ms, max ${r.frameMaxMs} ms), main thread ${r.mainThreadMsPerFrame} ms/frame, ${r.longTasks} long tasks (longest ${r.longestTaskMs} ms)`;
  if (playing2d) console.log(line('default scene playing, 2D, 1× CPU', playing2d));
  if (playing3d) console.log(line('default scene playing, 3D 200×200 mesh, 1× CPU', playing3d));
  console.log(line('orbiting the 3D view by drag, 1× CPU', orbit3d));
  console.log(`mesh build (Beale, 200×200, Node): ${result.meshBuildMedianMs} ms`);
  console.log(
    `gzip bytes: entry ${result.bytes.entry.gzipBytes}, 3D chunks ${result.bytes.plot3d.gzipBytes} + ${result.bytes.plot3dShared.gzipBytes} (shared with Export), mesh Worker ${result.bytes.meshWorker.gzipBytes}`,
  );
  process.exit(0);
}

await main();
