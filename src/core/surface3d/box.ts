/**
 * World (x, y) ↔ the 3D view's box: the view's extent fills [−1, 1] along its longer side and keeps
 * its aspect (within 1:2, so a thin strip still reads as a surface), y pointing away from the viewer
 * at yaw 0 like the plot's y points up.
 */
import type { Extent } from '../geometry.ts';

export interface BoxMapping {
  extent: Extent;
  /** Half-widths of the box along x and y (the longer is 1). */
  halfX: number;
  halfY: number;
}

const MAX_ASPECT = 2;

export function boxMapping(extent: Extent): BoxMapping {
  const aspect = (extent.xMax - extent.xMin) / (extent.yMax - extent.yMin);
  const clamped = Math.min(MAX_ASPECT, Math.max(1 / MAX_ASPECT, aspect));
  return clamped >= 1
    ? { extent, halfX: 1, halfY: 1 / clamped }
    : { extent, halfX: clamped, halfY: 1 };
}

export function toBoxX(box: BoxMapping, x: number): number {
  const { xMin, xMax } = box.extent;
  return (((x - xMin) / (xMax - xMin)) * 2 - 1) * box.halfX;
}

export function toBoxY(box: BoxMapping, y: number): number {
  const { yMin, yMax } = box.extent;
  return (((y - yMin) / (yMax - yMin)) * 2 - 1) * box.halfY;
}

export function fromBoxX(box: BoxMapping, bx: number): number {
  const { xMin, xMax } = box.extent;
  return xMin + ((bx / box.halfX + 1) / 2) * (xMax - xMin);
}

export function fromBoxY(box: BoxMapping, by: number): number {
  const { yMin, yMax } = box.extent;
  return yMin + ((by / box.halfY + 1) / 2) * (yMax - yMin);
}
