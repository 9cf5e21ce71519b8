/**
 * The steps an animation shows: `frames` steps spread evenly from 0 to `lastStep` (both included),
 * whole, increasing and without repeats (fewer when there are fewer steps than frames).
 */
export function frameSteps(lastStep: number, frames: number): number[] {
  const last = Math.max(0, Math.floor(lastStep));
  const count = Math.max(1, Math.min(Math.floor(frames), last + 1));
  if (count === 1) return [last];
  return Array.from({ length: count }, (_, i) => Math.round((i * last) / (count - 1)));
}
