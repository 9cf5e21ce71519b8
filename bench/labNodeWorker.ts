/** The lab's chunk runner in a Node worker thread, for `bench/lab.ts` (the browser uses labWorker). */
import { parentPort } from 'node:worker_threads';
import { partsToRun } from '../src/core/data/sampledGradients.ts';
import { resultTransferables, runChunk } from '../src/core/lab/chunk.ts';
import { loadMissing } from '../src/core/onDemand.ts';
import type { LabWorkerRequest, LabWorkerResponse } from '../src/core/lab/protocol.ts';

parentPort!.on('message', async ({ chunk }: LabWorkerRequest) => {
  try {
    await loadMissing(partsToRun({ runs: [chunk] }));
    const result = runChunk(chunk);
    const response: LabWorkerResponse = { ok: true, result };
    parentPort!.postMessage(response, resultTransferables(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort!.postMessage({ ok: false, index: chunk.index, error: message });
  }
});
