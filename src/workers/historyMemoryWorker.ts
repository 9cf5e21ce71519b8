/**
 * Touches fresh memory for simulation histories and hands it to the page (see
 * core/sim/historyChunks.ts). Loaded by HistoryMemory with
 * `new Worker(new URL('./historyMemoryWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { touchedBuffers } from '../core/sim/historyChunks.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ count: number; bytes: number }>) => {
  const buffers = touchedBuffers(event.data.count, event.data.bytes);
  scope.postMessage(buffers, buffers);
};
