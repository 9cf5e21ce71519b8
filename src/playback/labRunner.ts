/**
 * Runs lab experiments for the UI, outside React: one at a time on a worker pool, with progress,
 * a time-left estimate, cancel, and a cache of finished results keyed by everything the numbers
 * depend on (so reopening the lab, or going back to an earlier scene, shows results at once).
 */
import { experimentKey, type LabExperiment } from '../core/lab/plan.ts';
import { runExperiment, type ChunkExecutor, type LabProgress } from '../core/lab/run.ts';
import { type LabResult } from '../core/lab/score.ts';

export type LabStatus =
  | { state: 'idle' }
  | {
      state: 'running';
      key: string;
      progress: LabProgress;
      /** Seconds left at the rate so far; null until the first chunk is back. */
      secondsLeft: number | null;
    }
  | { state: 'done'; key: string; result: LabResult; seconds: number; cached: boolean }
  | { state: 'cancelled'; key: string }
  | { state: 'error'; key: string; message: string };

/** Finished results kept (a 100 × 100 basin map of 8 optimizers is ~80 KB). */
const CACHE_ENTRIES = 12;
/** Progress reaches React at most this often: a re-render per chunk would cost the frame loop. */
const PROGRESS_INTERVAL_MS = 100;

const cache = new Map<string, { result: LabResult; seconds: number }>();

export class LabRunner {
  private current: LabStatus = { state: 'idle' };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;

  constructor(
    private readonly executor: ChunkExecutor & { terminate(): void },
    private readonly now: () => number = () => performance.now(),
  ) {}

  get status(): LabStatus {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `experiment` (cancelling one in progress), or shows its cached result. */
  start(experiment: LabExperiment): void {
    this.cancel();
    const key = experimentKey(experiment);
    const cached = cache.get(key);
    if (cached) {
      cache.delete(key); // most recently used last
      cache.set(key, cached);
      this.set({ state: 'done', key, ...cached, cached: true });
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const started = this.now();
    let reported = -Infinity;
    this.set({ state: 'running', key, progress: { done: 0, total: 1 }, secondsLeft: null });
    const onProgress = (progress: LabProgress) => {
      const now = this.now();
      if (now - reported < PROGRESS_INTERVAL_MS && progress.done < progress.total) return;
      reported = now;
      const elapsed = (now - started) / 1000;
      const secondsLeft =
        progress.done > 0 ? (elapsed * (progress.total - progress.done)) / progress.done : null;
      this.set({ state: 'running', key, progress, secondsLeft });
    };
    runExperiment(experiment, this.executor, { onProgress, signal: controller.signal }).then(
      (result) => {
        if (this.controller !== controller) return;
        this.controller = null;
        const seconds = (this.now() - started) / 1000;
        cache.set(key, { result, seconds });
        while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
        this.set({ state: 'done', key, result, seconds, cached: false });
      },
      (error: Error) => {
        if (this.controller !== controller) return;
        this.controller = null;
        this.set(
          error.name === 'AbortError'
            ? { state: 'cancelled', key }
            : { state: 'error', key, message: error.message },
        );
      },
    );
  }

  cancel(): void {
    const controller = this.controller;
    if (!controller) return;
    this.controller = null;
    controller.abort();
    if (this.current.state === 'running') this.set({ state: 'cancelled', key: this.current.key });
  }

  dispose(): void {
    this.cancel();
    this.executor.terminate();
    this.listeners.clear();
  }

  private set(status: LabStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener();
  }
}
