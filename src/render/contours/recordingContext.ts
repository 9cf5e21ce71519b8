/** A 2D context for the contour drawing tests that records what is drawn. */
import type { ContourContext } from './draw.ts';

export type Call = [name: string, ...args: unknown[]];

/** Records every call and style assignment, in order. */
export function recordingContext(): { context: ContourContext; calls: Call[] } {
  const calls: Call[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const style = (name: string) => ({
    set: (value: unknown) => calls.push([name, value]),
    get: () => undefined,
  });
  const context = Object.defineProperties(
    {
      save: record('save'),
      restore: record('restore'),
      setTransform: record('setTransform'),
      beginPath: record('beginPath'),
      moveTo: record('moveTo'),
      lineTo: record('lineTo'),
      closePath: record('closePath'),
      fill: record('fill'),
      stroke: record('stroke'),
      fillRect: record('fillRect'),
    },
    {
      fillStyle: style('fillStyle'),
      strokeStyle: style('strokeStyle'),
      lineWidth: style('lineWidth'),
      lineJoin: style('lineJoin'),
    },
  ) as unknown as ContourContext;
  return { context, calls };
}
