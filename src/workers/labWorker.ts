/**
 * Runs lab chunks off the main thread, one message per chunk. Loaded by LabPool with
 * `new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { partsToRun } from '../core/data/sampledGradients.ts';
import { resultTransferables, runChunk } from '../core/lab/chunk.ts';
import { loadMissing } from '../core/onDemand.ts';
import { prepareSurface } from '../core/scene/resolve.ts';
import type { LabWorkerRequest, LabWorkerResponse } from '../core/lab/protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<LabWorkerRequest>) => {
  const { chunk } = event.data;
  try {
    await prepareSurface(chunk.surface);
    await loadMissing(partsToRun({ runs: [chunk] }));
    const result = runChunk(chunk);
    const response: LabWorkerResponse = { ok: true, result };
    scope.postMessage(response, resultTransferables(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const response: LabWorkerResponse = { ok: false, index: chunk.index, error: message };
    scope.postMessage(response);
  }
};
