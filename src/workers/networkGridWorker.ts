/**
 * Samples rows of a network's loss landscape off the main thread, and contours the whole grid once
 * its rows are in. Loaded by NetworkClient with
 * `new Worker(new URL('./networkGridWorker.ts', import.meta.url), …)`, one per core; it is
 * prepared while the runs finish training, then asked for a few rows at a time.
 */
import type {
  BandsRequest,
  GridPreparation,
  GridRequest,
  GridResponse,
} from '../core/nn/protocol.ts';
import { transferablesOf } from '../core/contours/bands.ts';
import { answerBands, answerGrid, prepareGrid } from '../core/nn/work.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function transferables(response: GridResponse): ArrayBuffer[] {
  if (response.type === 'done') return [response.values.buffer as ArrayBuffer];
  if (response.type === 'bands') return transferablesOf(response.bands);
  return [];
}

scope.onmessage = (event: MessageEvent<GridPreparation | GridRequest | BandsRequest>) => {
  let response: GridResponse;
  try {
    if (event.data.type === 'prepare') return prepareGrid(event.data);
    response = event.data.type === 'bands' ? answerBands(event.data) : answerGrid(event.data);
  } catch (error) {
    response = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response, transferables(response));
};
