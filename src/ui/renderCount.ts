/**
 * Counts renders of the components that sit next to the animation (plot, playback bar, run cards,
 * chart). The e2e suite reads it through the test hook to prove that playing does not re-render
 * React: frames are drawn by the controller, not by components.
 */
let renders = 0;

export function countRender(): void {
  renders++;
}

export function renderCount(): number {
  return renders;
}
