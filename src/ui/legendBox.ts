import type { Rect } from '../render/labelPlacement.ts';

/**
 * The plot legend's box, which the plot's labels keep clear of, passed from the legend that
 * measures it to the panel that draws the labels without rendering either. The legend is measured
 * by a ResizeObserver, in the frame's rendering; kept in React state, its first box re-rendered the
 * plot's panel there, and made the app's first frame a long task at 4× CPU throttling.
 */
export class LegendBox {
  private box: Rect | null = null;
  private listener: ((box: Rect | null) => void) | null = null;

  /** The box as last measured (null before the legend is, or once it is gone). */
  measured(): Rect | null {
    return this.box;
  }

  set(box: Rect | null): void {
    const old = this.box;
    if (old === box || (old && box && old.every((value, i) => value === box[i]))) return;
    this.box = box;
    this.listener?.(box);
  }

  /** `listener` hears the box now and at every change, until the returned function is called. */
  listen(listener: (box: Rect | null) => void): () => void {
    this.listener = listener;
    listener(this.box);
    return () => {
      if (this.listener === listener) this.listener = null;
    };
  }
}
