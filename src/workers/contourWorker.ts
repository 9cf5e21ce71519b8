/**
 * Computes contour bands off the main thread. Loaded by ContourClient with
 * `new Worker(new URL('./contourWorker.ts', import.meta.url), { type: 'module' })`.
 */
import type { ContourWorkerRequest, ContourWorkerResponse } from '../core/contours/protocol.ts';
import { computeContours, transferablesOf, type ContourOutcome } from '../core/contours/compute.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ContourWorkerRequest>) => {
  const { requestId, request } = event.data;
  let outcome: ContourOutcome;
  try {
    outcome = computeContours(request);
  } catch (error) {
    // Answer anyway: the client waits for every request it sent before sending the next.
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const response: ContourWorkerResponse = { requestId, outcome };
  scope.postMessage(response, outcome.ok ? transferablesOf(outcome.bands) : []);
};
