/**
 * Samples rows of a network's loss landscape off the main thread. Loaded by NetworkClient with
 * `new Worker(new URL('./networkGridWorker.ts', import.meta.url), …)`, one per core; it is
 * prepared while the runs train, then asked for a few rows at a time.
 */
import type { GridPreparation, GridRequest, GridResponse } from '../core/nn/protocol.ts';
import { answerGrid, prepareGrid } from '../core/nn/work.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<GridPreparation | GridRequest>) => {
  let response: GridResponse;
  try {
    if (event.data.type === 'prepare') return prepareGrid(event.data);
    response = answerGrid(event.data);
  } catch (error) {
    response = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(
    response,
    response.type === 'done' ? [response.values.buffer as ArrayBuffer] : [],
  );
};
