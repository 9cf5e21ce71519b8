/**
 * What benchmarks read from a page while it animates: every frame interval and long task over a
 * window, and the main thread's busy time (Chrome's TaskDuration metric) spent on those frames.
 */
import type { CDPSession, Page } from '@playwright/test';

/** Seconds the renderer's main thread has been busy, from `Performance.getMetrics`. */
export async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

export interface FrameWatch {
  /** Intervals between animation frames, ascending, in ms. */
  sorted: number[];
  /** Durations of the long tasks (> 50 ms) seen, in ms. */
  longTasks: number[];
  mainThreadMsPerFrame: number;
}

/** Frames and long tasks over `ms`, while `during` runs (a drag, or nothing). */
export async function watchFrames(
  page: Page,
  cdp: CDPSession,
  ms: number,
  during?: () => Promise<void>,
): Promise<FrameWatch> {
  const before = await taskSeconds(cdp);
  const watching = page.evaluate(async (window) => {
    const intervals: number[] = [];
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    await new Promise<void>((done) => {
      let last = performance.now();
      const end = last + window;
      const tick = (now: number) => {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    return { intervals: intervals.slice(1), longTasks };
  }, ms);
  if (during) await during();
  const { intervals, longTasks } = await watching;
  const after = await taskSeconds(cdp);
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    sorted,
    longTasks,
    mainThreadMsPerFrame: ((after - before) * 1000) / Math.max(1, sorted.length),
  };
}
