/**
 * Builds 3D surface meshes off the main thread. Loaded by MeshClient with
 * `new Worker(new URL('./meshWorker.ts', import.meta.url), { type: 'module' })`.
 */
import {
  computeMesh,
  meshTransferables,
  type MeshOutcome,
  type MeshWorkerRequest,
  type MeshWorkerResponse,
} from '../core/surface3d/compute.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<MeshWorkerRequest>) => {
  const { requestId, request } = event.data;
  let outcome: MeshOutcome;
  try {
    outcome = computeMesh(request);
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const response: MeshWorkerResponse = { requestId, outcome };
  scope.postMessage(response, outcome.ok ? meshTransferables(outcome.mesh) : []);
};
