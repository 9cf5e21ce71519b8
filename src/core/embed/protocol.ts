/**
 * The embed's postMessage API, as plain data. A host page talks to an embedded Descent Lab
 * (`?embed=1`) with messages whose `type` starts with `descent-lab:`; anything else is ignored.
 *
 * Host → frame: play, pause, reset, step (one step forward, pausing), and setScene with either a
 * scene object (as `validateScene` takes it) or a scene query string (as the URL holds it). Both go
 * through the same validator as a URL, so a bad part falls back on its own with a notice.
 * Frame → host: ready (once), height (on resize), step (throttled, at most 4 a second).
 */

export const MESSAGE_PREFIX = 'descent-lab:';

/** Version of this message protocol, sent with `ready`. */
export const EMBED_PROTOCOL_VERSION = 1;

/** Step events are sent at most this often (per second). */
export const STEP_EVENTS_PER_SECOND = 4;

export type HostCommand =
  | { type: 'descent-lab:play' }
  | { type: 'descent-lab:pause' }
  | { type: 'descent-lab:reset' }
  | { type: 'descent-lab:step' }
  /** `scene` is a scene object or a query string (`v=1&s=rosenbrock&runs=adam`). */
  | { type: 'descent-lab:setScene'; scene: unknown };

export interface PlaybackStatus {
  step: number;
  stepBudget: number;
  playing: boolean;
}

export type FrameEvent =
  | ({
      type: 'descent-lab:ready';
      version: typeof EMBED_PROTOCOL_VERSION;
      /** The scene as a query string, the same text the frame's URL holds. */
      scene: string;
    } & PlaybackStatus)
  | ({ type: 'descent-lab:step' } & PlaybackStatus)
  | { type: 'descent-lab:height'; height: number };

const SIMPLE_COMMANDS = new Set(['play', 'pause', 'reset', 'step']);

/** Scenes sent as text are query strings; far longer ones are not scenes (and not worth parsing). */
export const MAX_SCENE_TEXT_LENGTH = 20_000;

/**
 * The command a message carries, or null for anything else: other libraries' messages, junk,
 * unknown types. Only the fields named above are read; nothing in a message is ever executed or
 * rendered as HTML (a scene's text reaches the page only through the validator and React's text).
 */
export function parseHostCommand(data: unknown): HostCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !type.startsWith(MESSAGE_PREFIX)) return null;
  const name = type.slice(MESSAGE_PREFIX.length);
  if (SIMPLE_COMMANDS.has(name)) return { type } as HostCommand;
  if (name !== 'setScene') return null;
  const scene = (data as { scene?: unknown }).scene;
  if (typeof scene === 'string') {
    return scene.length <= MAX_SCENE_TEXT_LENGTH ? { type: 'descent-lab:setScene', scene } : null;
  }
  if (typeof scene !== 'object' || scene === null || Array.isArray(scene)) return null;
  return { type: 'descent-lab:setScene', scene };
}

/**
 * Lets through at most one event per `1 / perSecond` seconds, plus a last one after a burst, so the
 * host always learns where playback stopped. `schedule` is setTimeout in the page, fake in tests.
 */
export class Throttle {
  private last = -Infinity;
  private pending = false;

  constructor(
    private readonly send: () => void,
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly schedule: (callback: () => void, ms: number) => void,
  ) {}

  /** Something changed: send now if allowed, otherwise once the interval has passed. */
  poke(): void {
    if (this.pending) return;
    const interval = 1000 / this.perSecond;
    const wait = this.last + interval - this.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      this.fire();
    }, wait);
  }

  private fire(): void {
    this.last = this.now();
    this.send();
  }
}
