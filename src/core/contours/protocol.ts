import type { ContourOutcome } from './compute.ts';
import type { ContourRequest } from './request.ts';

/** Main thread → contour worker. */
export interface ContourWorkerRequest {
  requestId: number;
  request: ContourRequest;
}

/** Contour worker → main thread; the bands' typed arrays arrive transferred, not copied. */
export interface ContourWorkerResponse {
  requestId: number;
  outcome: ContourOutcome;
}
