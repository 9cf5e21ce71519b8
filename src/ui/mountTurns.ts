/**
 * The app's first screen mounts in turns, one turn a frame: the top bar, plot and playback first,
 * then the sidebar's sections, then its run cards a few at a time. Why: mounted at once, the app
 * was one task of ≈50 ms of CPU at 1× and 280–550 ms at 4× CPU throttling (the render, then the
 * page's first layout, forced by the plot measuring itself), during which the page answered
 * nothing and dropped every frame. In turns, the plot's task is the first and each later one is a
 * fraction of it. Only the first mount waits: once every turn is in, later parts mount at once.
 */
import { useSyncExternalStore } from 'react';

/** When each part of the first screen mounts (turn 0 is the first render). */
export const MOUNT_TURN = { sidebar: 1, runCards: 2 } as const;
/** Run cards mounted per turn after MOUNT_TURN.runCards. */
export const RUN_CARDS_PER_TURN = 2;

/** Runs `callback` once the page has shown a frame; injectable for tests. */
export type NextFrame = (callback: () => void) => void;

/**
 * After the next frame is presented, not in it: a task queued from an animation-frame callback
 * runs once the frame's rendering is done, so each turn's layout and paint land in their own
 * frame. A hidden page shows no frames; its turns go on by tasks alone.
 */
export const afterNextFrame: NextFrame = (callback) => {
  if (typeof document !== 'undefined' && document.hidden) setTimeout(callback);
  else requestAnimationFrame(() => setTimeout(callback));
};

export class MountTurns {
  /** Turns mounted so far: a part of turn t is in once `reached >= t`. */
  private reached = 0;
  /** The last turn any part asked for. */
  private wanted = 0;
  /** Every part asked for is in, and a frame passed with no part asking for more. */
  private done = false;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();
  private mountedWaiters: (() => void)[] = [];

  constructor(private readonly nextFrame: NextFrame = afterNextFrame) {}

  /** Whether a part of turn `turn` may mount; asking for a later turn schedules the turns up to it. */
  has(turn: number): boolean {
    if (this.done) return true;
    if (turn > this.wanted) this.wanted = turn;
    if (this.reached < this.wanted) this.schedule();
    return this.reached >= turn;
  }

  /**
   * Resolves once every part asked for is in (at once when none waits): for work that would
   * compete with the mount for the CPU, such as a Worker's training on a two-core machine.
   */
  mounted(): Promise<void> {
    if (this.done || (!this.scheduled && this.reached >= this.wanted)) return Promise.resolve();
    return new Promise((resolve) => this.mountedWaiters.push(resolve));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextFrame(this.turn);
  }

  /**
   * Mounts the next turn. The parts it mounts render after this returns and may ask for later
   * turns (the sidebar's run cards), so the turns end only on a frame that finds nothing more wanted.
   */
  private readonly turn = (): void => {
    this.scheduled = false;
    if (this.reached >= this.wanted) {
      this.done = true;
      for (const resolve of this.mountedWaiters.splice(0)) resolve();
      return;
    }
    this.reached++;
    for (const listener of [...this.listeners]) listener();
    this.schedule();
  };
}

const pageTurns = new MountTurns();

/** Resolves once the page's first screen is mounted. */
export const firstScreenMounted = (): Promise<void> => pageTurns.mounted();

/** Whether the part of the first screen that mounts on turn `turn` is in yet. */
export function useMountTurn(turn: number, turns: MountTurns = pageTurns): boolean {
  return useSyncExternalStore(turns.subscribe, () => turns.has(turn));
}
