/**
 * The render-count guard. Every component that shows per-frame values (the plot, the playback bar,
 * run cards, the chart, the lessons' captions, the race summary, the inspector and communication
 * panels, legends) calls `countRender` with its name as it renders. The e2e suite reads the counts
 * through the test hook to prove that playing does not re-render React: frames are drawn by the
 * controller and per-frame text is written through refs, not by components.
 */
const renders = new Map<string, number>();

export function countRender(component: string): void {
  renders.set(component, (renders.get(component) ?? 0) + 1);
}

/** Renders of all guarded components so far. */
export function renderCount(): number {
  let total = 0;
  for (const count of renders.values()) total += count;
  return total;
}

/** Renders so far by component, so a failing test names the one that re-rendered. */
export function renderCounts(): Record<string, number> {
  return Object.fromEntries(renders);
}
