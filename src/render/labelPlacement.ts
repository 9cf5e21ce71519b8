/** Where a plot's text labels go: beside their mark, clear of each other and of overlays. */

/** left, top, right, bottom in CSS pixels. */
export type Rect = readonly [number, number, number, number];

const overlaps = (a: Rect, b: Rect) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];

/**
 * A label box of `width` × `height` for a mark at (x, y), `gap` from it, inside `bounds`
 * (0..bounds[0] × 0..bounds[1]), clear of its mark and of `taken` (labels already placed, a
 * legend): right of the mark if it fits, else left, moved down (or up, when there is no room
 * below) past whatever it would cover, the side needing the smaller move winning. When nothing is clear, the right-hand
 * box as it was (an overlap beats a label off the plot).
 */
export function placeLabel(
  x: number,
  y: number,
  width: number,
  height: number,
  gap: number,
  bounds: readonly [number, number],
  taken: readonly Rect[],
): Rect {
  const [boundsWidth, boundsHeight] = bounds;
  // The mark itself is never covered by its own label (a narrow panel's fallback box did).
  const obstacles: readonly Rect[] = [...taken, [x - gap, y - gap, x + gap, y + gap]];
  const wanted = Math.max(0, Math.min(y - height / 2, boundsHeight - height));
  const lefts = [x + gap, x - gap - width]
    .filter((left) => left >= 0 && left + width <= boundsWidth)
    .concat(Math.max(0, Math.min(x + gap, boundsWidth - width)));
  let best: Rect | null = null;
  for (const left of lefts) {
    for (const direction of [1, -1]) {
      let top = wanted;
      for (let moved = true; moved;) {
        moved = false;
        for (const rect of obstacles) {
          if (!overlaps([left, top, left + width, top + height], rect)) continue;
          top = direction > 0 ? rect[3] : rect[1] - height;
          moved = true;
        }
        if (top < 0 || top + height > boundsHeight) break;
      }
      if (top < 0 || top + height > boundsHeight) continue;
      const box: Rect = [left, top, left + width, top + height];
      if (!best || Math.abs(top - wanted) < Math.abs(best[1] - wanted)) best = box;
    }
  }
  return best ?? [lefts[0], wanted, lefts[0] + width, wanted + height];
}
