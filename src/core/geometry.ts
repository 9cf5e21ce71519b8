/** A rectangle in surface coordinates (x to the right, y up). */
export interface Extent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export type Point = readonly [number, number];
