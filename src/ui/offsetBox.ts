import type { Rect } from '../render/labelPlacement.ts';

/** An element's box within its offset parent (a plot's area or panel), as labels avoid it. */
export function offsetBox(element: HTMLElement): Rect {
  const { offsetLeft: left, offsetTop: top, offsetWidth, offsetHeight } = element;
  return [left, top, left + offsetWidth, top + offsetHeight];
}
