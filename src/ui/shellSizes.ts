/**
 * The sizes index.html's static frame gives the plot's and the chart's boxes, read once before the
 * app replaces the frame (the plot's also sizes the first contours, playback/firstContours.ts).
 * Their first render takes its size from here instead of reading its box, which forced the page's
 * first layout inside the render (29–54 ms at 4× CPU throttling) and rendered the plot and chart a
 * second time once measured. Kept until the first screen is mounted: a box that mounts later (the
 * plot after the network view) measures itself.
 */
import { contentSize, type ElementSize } from './useElementSize.ts';

export type ShellBox = 'plot' | 'chart';

const SELECTORS: Record<ShellBox, string> = { plot: '.plot-area', chart: '.chart-box' };

let sizes: Partial<Record<ShellBox, ElementSize>> = {};

/** Reads the boxes in `shell` (index.html's `.app-shell`); only where the app lays them out alike. */
export function keepShellSizes(shell: ParentNode): void {
  for (const box of Object.keys(SELECTORS) as ShellBox[]) {
    const element = shell.querySelector<HTMLElement>(SELECTORS[box]);
    if (element) sizes[box] = contentSize(element);
  }
}

/** The box's size in the static frame, if it was read and the first screen is still mounting. */
export const shellSize = (box: ShellBox): ElementSize | null => sizes[box] ?? null;

export function forgetShellSizes(): void {
  sizes = {};
}
