/**
 * What a worker sends to the parameter server each step, and what that costs.
 *
 * - dense: both gradient coordinates, every step.
 * - threshold τ: the worker adds its gradient to a residual (what it has computed but not yet sent)
 *   and sends only the coordinates whose accumulated |residual| reached τ, zeroing them; the rest
 *   waits. Small, consistent gradients still arrive, late and in one piece; noise that cancels out
 *   is never sent at all.
 * - top-k with error feedback: the same residual, but each step sends the k coordinates with the
 *   largest |residual|, whatever their size. With two parameters only k = 1 compresses (k = 2 is
 *   dense), so top-1 halves the values sent; real networks send k ≪ millions.
 *
 * Either way Σ messages + residual = Σ gradients for every worker: nothing is lost, only delayed.
 *
 * Cost model (per value, message headers ignored): dense messages are the two float64 coordinates
 * in order, 8 bytes each; sparse messages (threshold, top-k) send each value with its int32
 * coordinate index, 8 + 4 = 12 bytes.
 */
import type { Params } from '../optimizers/types.ts';

export type CompressionMode = 'dense' | 'threshold' | 'top-k';

export interface Compression {
  mode: CompressionMode;
  /** τ, for mode 'threshold'. */
  threshold: number;
  /** k, for mode 'top-k'. */
  topK: number;
}

export const BYTES_PER_VALUE = 8;
export const BYTES_PER_INDEX = 4;

/** Bytes one sent value costs in `mode`. */
export function bytesPerValue(mode: CompressionMode): number {
  return mode === 'dense' ? BYTES_PER_VALUE : BYTES_PER_VALUE + BYTES_PER_INDEX;
}

/** The mode DistributedSGD's hyperparameters ask for: top_k > 0, else threshold > 0, else dense. */
export function compressionOf(params: Params): Compression {
  const threshold = params.threshold as number;
  const topK = params.top_k as number;
  const mode: CompressionMode = topK > 0 ? 'top-k' : threshold > 0 ? 'threshold' : 'dense';
  return { mode, threshold, topK };
}

/** A short name for labels: "dense", "threshold τ=0.5", "top-1". */
export function describeCompression({ mode, threshold, topK }: Compression): string {
  if (mode === 'threshold') return `threshold τ=${threshold}`;
  if (mode === 'top-k') return `top-${topK}`;
  return 'dense';
}

/**
 * One worker's message for one step, given its gradient (g0, g1) and its residual at
 * residual[at], residual[at + 1]. Writes the two values the server receives to message[0] and
 * message[1] (0 where nothing is sent) and returns how many values were sent.
 */
export function compress(
  { mode, threshold, topK }: Compression,
  g0: number,
  g1: number,
  residual: Float64Array,
  at: number,
  message: Float64Array,
): number {
  if (mode === 'dense') {
    message[0] = g0;
    message[1] = g1;
    return 2;
  }
  const r0 = residual[at] + g0;
  const r1 = residual[at + 1] + g1;
  let send0: boolean;
  let send1: boolean;
  if (mode === 'threshold') {
    send0 = Math.abs(r0) >= threshold;
    send1 = Math.abs(r1) >= threshold;
  } else if (topK >= 2) {
    send0 = send1 = true;
  } else {
    // Top-1: the larger accumulated coordinate (x on a tie).
    send0 = Math.abs(r0) >= Math.abs(r1);
    send1 = !send0;
  }
  message[0] = send0 ? r0 : 0;
  message[1] = send1 ? r1 : 0;
  residual[at] = send0 ? 0 : r0;
  residual[at + 1] = send1 ? 0 : r1;
  return (send0 ? 1 : 0) + (send1 ? 1 : 0);
}
