/**
 * Computes contour bands and paints their pictures off the main thread. Loaded by ContourClient
 * with `new Worker(new URL('./contourWorker.ts', import.meta.url), { type: 'module' })`.
 */
import type { ContourWorkerRequest } from '../core/contours/protocol.ts';
import { ContourAnswers } from '../render/contours/contourAnswers.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const answers = new ContourAnswers();

scope.onmessage = (event: MessageEvent<ContourWorkerRequest>) => {
  const { response, transfer } = answers.answer(event.data);
  scope.postMessage(response, transfer);
};
