import type { Extent } from '../core/geometry.ts';
import { Viewport } from '../render/viewport.ts';

/** Pixels a pointer may travel between press and release for it to count as a tap or click. */
export const CLICK_SLOP = 4;

interface Pointer {
  x: number;
  y: number;
}

/** What the plot should do after a pointer event. */
export type GestureResult =
  | { kind: 'none' }
  | { kind: 'view'; view: Extent }
  /** A press and release that stayed put, with no second finger: set the start there. */
  | { kind: 'tap'; x: number; y: number };

const NONE: GestureResult = { kind: 'none' };

/**
 * Turns pointer events on a plot (positions in CSS px relative to the plot) into a tap, a one-finger
 * (or mouse) pan, or a two-finger pinch that zooms about the fingers' midpoint and follows it. Each
 * gesture is measured from the view at its start, so rounding never accumulates; whenever the number
 * of fingers changes, the gesture restarts from the current view, so nothing jumps.
 */
export class PlotGesture {
  private readonly pointers = new Map<number, Pointer>();
  /** The view and pointer positions the current gesture is measured from. */
  private origin: { viewport: Viewport; pointers: Map<number, Pointer> } | null = null;
  /** The pan or pinch moved the view, or a second finger joined: the release is no tap. */
  private consumed = false;

  /** True while at least one pointer is pressed. */
  get active(): boolean {
    return this.pointers.size > 0;
  }

  down(id: number, x: number, y: number, viewport: Viewport): void {
    // A second finger makes this a pinch: its release is no tap.
    this.consumed = this.pointers.size > 0;
    this.pointers.set(id, { x, y });
    this.restart(viewport);
  }

  move(id: number, x: number, y: number): GestureResult {
    const pointer = this.pointers.get(id);
    const origin = this.origin;
    if (!pointer || !origin) return NONE;
    pointer.x = x;
    pointer.y = y;
    const [a, b] = [...this.pointers.values()].slice(0, 2);
    const [a0, b0] = [...this.pointers.keys()].slice(0, 2).map((key) => origin.pointers.get(key)!);
    if (!b) {
      const dx = a.x - a0.x;
      const dy = a.y - a0.y;
      if (!this.consumed && Math.hypot(dx, dy) <= CLICK_SLOP) return NONE;
      this.consumed = true;
      return { kind: 'view', view: origin.viewport.panned(dx, dy) };
    }
    this.consumed = true;
    const startDistance = Math.hypot(b0.x - a0.x, b0.y - a0.y);
    const distance = Math.hypot(b.x - a.x, b.y - a.y);
    if (startDistance < 1 || distance < 1) return NONE;
    const mid0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
    const zoomed = new Viewport(
      origin.viewport.zoomedAbout(mid0.x, mid0.y, distance / startDistance),
      origin.viewport.width,
      origin.viewport.height,
    );
    return {
      kind: 'view',
      view: zoomed.panned((a.x + b.x) / 2 - mid0.x, (a.y + b.y) / 2 - mid0.y),
    };
  }

  /** A pointer was released; `viewport` is the view now on screen (the remaining finger pans it). */
  up(id: number, viewport: Viewport): GestureResult {
    const pointer = this.pointers.get(id);
    if (!pointer) return NONE;
    this.pointers.delete(id);
    if (this.pointers.size > 0) {
      this.restart(viewport);
      return NONE;
    }
    this.origin = null;
    return this.consumed ? NONE : { kind: 'tap', x: pointer.x, y: pointer.y };
  }

  /** The browser took the pointer (a system gesture, a lost capture): forget it, never a tap. */
  cancel(id: number, viewport: Viewport): void {
    this.consumed = true;
    this.up(id, viewport);
  }

  private restart(viewport: Viewport): void {
    const pointers = new Map<number, Pointer>();
    for (const [key, { x, y }] of this.pointers) pointers.set(key, { x, y });
    this.origin = { viewport, pointers };
  }
}
