/**
 * Samples rows of a network's loss landscape off the main thread. Loaded by NetworkClient with
 * `new Worker(new URL('./networkGridWorker.ts', import.meta.url), …)`, one per core.
 */
import type { GridRequest, GridResponse } from '../core/nn/protocol.ts';
import { answerGrid } from '../core/nn/work.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<GridRequest>) => {
  let response: GridResponse;
  try {
    response = answerGrid(event.data, (row) => scope.postMessage({ type: 'progress', row }));
  } catch (error) {
    response = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(
    response,
    response.type === 'done' ? [response.values.buffer as ArrayBuffer] : [],
  );
};
