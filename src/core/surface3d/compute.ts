/**
 * What the mesh Worker runs (and Node, for tests and benchmarks): sample f on the contours' grid
 * (core/grid.ts, cell centres) and build the 3D mesh. Kept apart so the main thread never loads it.
 */
import { resolveSurface } from '../contours/compute.ts';
import { DEFAULT_LEVEL_COUNT, type ContourSurfaceSource } from '../contours/request.ts';
import type { ThresholdScale } from '../contours/thresholds.ts';
import type { Extent } from '../geometry.ts';
import { sampleGrid } from '../grid.ts';
import { boxMapping } from './box.ts';
import { buildSurfaceMesh, type MeshOptions, type SurfaceMesh } from './mesh.ts';

export interface MeshRequest extends MeshOptions {
  surface: ContourSurfaceSource;
  extent: Extent;
  /** Samples along the box's longer side (the shorter gets its share). */
  cells: number;
}

/** Samples along the longer side of the default mesh: 200 × 200 for a square view. */
export const MESH_CELLS = 200;

/**
 * The mesh of a surface seen in 3D. The 3D panels and the exports ask through this one function, so
 * their requests match and the mesh client's cache builds the mesh once for all of them.
 */
export function meshRequestFor(
  surface: ContourSurfaceSource,
  extent: Extent,
  contours: ThresholdScale,
  heights: ThresholdScale,
): MeshRequest {
  return { surface, extent, cells: MESH_CELLS, contours, heights, levelCount: DEFAULT_LEVEL_COUNT };
}

export type MeshOutcome = { ok: true; mesh: SurfaceMesh } | { ok: false; error: string };

export function computeMesh(request: MeshRequest): MeshOutcome {
  const functions = resolveSurface(request.surface);
  if (!functions.ok) return functions;
  const { extent, cells } = request;
  if (!(extent.xMin < extent.xMax && extent.yMin < extent.yMax)) {
    return { ok: false, error: 'the view extent is empty' };
  }
  if (!(Number.isInteger(cells) && cells >= 2)) {
    return { ok: false, error: `a mesh needs at least 2 samples a side, got ${cells}` };
  }
  const box = boxMapping(extent);
  const nx = Math.max(2, Math.round(cells * box.halfX));
  const ny = Math.max(2, Math.round(cells * box.halfY));
  const values = sampleGrid(functions.functions, extent, nx, ny);
  return { ok: true, mesh: buildSurfaceMesh(values, nx, ny, extent, request) };
}

/** The buffers a Worker hands over without copying. */
export function meshTransferables(mesh: SurfaceMesh): ArrayBuffer[] {
  return [mesh.vertices.buffer, mesh.indices.buffer];
}

/** Main thread → mesh Worker. */
export interface MeshWorkerRequest {
  requestId: number;
  request: MeshRequest;
}

/** Mesh Worker → main thread. */
export interface MeshWorkerResponse {
  requestId: number;
  outcome: MeshOutcome;
}
