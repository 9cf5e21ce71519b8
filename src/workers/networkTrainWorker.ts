/**
 * Trains a network experiment's runs off the main thread and chooses its plane. Loaded by
 * NetworkClient with `new Worker(new URL('./networkTrainWorker.ts', import.meta.url), …)`.
 */
import type { TrainRequest, TrainResponse } from '../core/nn/protocol.ts';
import { answerTrain, trainTransferables } from '../core/nn/work.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<TrainRequest>) => {
  let response: TrainResponse;
  try {
    response = answerTrain(event.data, (done, total) =>
      scope.postMessage({ type: 'progress', done, total }),
    );
  } catch (error) {
    response = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response, trainTransferables(response));
};
