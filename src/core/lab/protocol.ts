import type { ChunkResult, LabChunk } from './chunk.ts';

export interface LabWorkerRequest {
  chunk: LabChunk;
}

export type LabWorkerResponse =
  { ok: true; result: ChunkResult } | { ok: false; index: number; error: string };
