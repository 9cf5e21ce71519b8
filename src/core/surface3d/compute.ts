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

/**
 * A loss sampled already at the cell centres of the request's extent, nx × ny row-major, row 0 at
 * yMin (the network landscape, which has no formula to sample): the mesh takes these samples as
 * they are, the very grid its contours are drawn from.
 */
export interface SampledSurface {
  sampled: { values: Float64Array; nx: number; ny: number };
}

export interface MeshRequest extends MeshOptions {
  surface: ContourSurfaceSource | SampledSurface;
  extent: Extent;
  /** Samples along the box's longer side (the shorter gets its share); unused for a sampled one. */
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

/**
 * The mesh of a loss sampled already (the network landscape's side × side grid over `extent`): the
 * same levels as its contours, so the same colours and lines.
 */
export function sampledMeshRequest(
  values: Float64Array,
  side: number,
  extent: Extent,
  contours: ThresholdScale,
  heights: ThresholdScale,
): MeshRequest {
  const surface = { sampled: { values, nx: side, ny: side } };
  return { surface, extent, cells: side, contours, heights, levelCount: DEFAULT_LEVEL_COUNT };
}

/**
 * What the mesh client caches a request by: the request itself, with a sampled grid's values
 * replaced by a hash of their bits (a 61 × 61 grid as JSON would be a 100 KB key).
 */
export function meshRequestKey(request: MeshRequest): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    value instanceof Float64Array ? `f64:${value.length}:${hashBits(value)}` : value,
  );
}

/** FNV-1a over the values' bytes. */
function hashBits(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return (hash >>> 0).toString(36);
}

export type MeshOutcome = { ok: true; mesh: SurfaceMesh } | { ok: false; error: string };

export function computeMesh(request: MeshRequest): MeshOutcome {
  const { extent, cells, surface } = request;
  if (!(extent.xMin < extent.xMax && extent.yMin < extent.yMax)) {
    return { ok: false, error: 'the view extent is empty' };
  }
  if ('sampled' in surface) {
    const { values, nx, ny } = surface.sampled;
    if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 2 && ny >= 2)) {
      return { ok: false, error: `a mesh needs at least 2 samples a side, got ${nx} × ${ny}` };
    }
    if (values.length !== nx * ny) {
      return { ok: false, error: `the grid has ${values.length} values, expected ${nx} × ${ny}` };
    }
    return { ok: true, mesh: buildSurfaceMesh(values, nx, ny, extent, request) };
  }
  const functions = resolveSurface(surface);
  if (!functions.ok) return functions;
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
