/**
 * Seeded random numbers. Two kinds:
 * - `hashUniform`/`hashNormal`: counter-based — the number for (seed, stream, index, draw) never
 *   depends on what else was drawn before, so a run's noise is the same whether it is computed in one
 *   go, restarted, or computed in another Worker.
 * - `createRng`: a small sequential generator for one-off choices (random start points).
 * Never Math.random: every scene must reproduce from its seed.
 */

/**
 * One stream per purpose, so the numbers drawn for one never shift those of another: adding random
 * starts to a scene leaves its gradient noise as it was.
 */
export const RANDOM_STREAMS = {
  gradientNoise: 1,
  perturbation: 2,
  starts: 3,
  /** The samples of the built-in datasets (fixed seeds: a dataset never changes with the scene). */
  datasets: 4,
  /** Which samples each minibatch holds, per (particle, worker, step). */
  minibatches: 5,
  /** A distributed worker's own gradient noise on surfaces without a dataset. */
  workerNoise: 6,
  /** A network's initial parameters (nn.Linear's uniform draw). */
  networkInit: 7,
  /** The samples of a network's dataset, keyed by the scene's seed. */
  networkData: 8,
  /** The random directions of a network's landscape plane. */
  networkDirections: 9,
} as const;

/** A 32-bit avalanche mix (lowbias32 by Chris Wellons). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** Uniform in [0, 1) with 53 random bits, a pure function of its four integer keys. */
export function hashUniform(seed: number, stream: number, index: number, draw: number): number {
  let h = mix32((seed | 0) ^ 0x9e3779b9);
  h = mix32(h ^ (stream | 0));
  h = mix32((h + Math.imul(index | 0, 0x85ebca6b)) | 0);
  h = mix32((h + Math.imul(draw | 0, 0xc2b2ae35)) | 0);
  const hi = mix32(h ^ 0x68e31da4) >>> 5; // 27 bits
  const lo = mix32(h ^ 0x1b56c4e9) >>> 6; // 26 bits
  return (hi * TWO_POW_26 + lo) / TWO_POW_53;
}

/**
 * Standard normal from (seed, stream, index, draw) by Box–Muller, using draws 2·draw and 2·draw + 1.
 */
export function hashNormal(seed: number, stream: number, index: number, draw: number): number {
  const u1 = hashUniform(seed, stream, index, 2 * draw);
  const u2 = hashUniform(seed, stream, index, 2 * draw + 1);
  // 1 − u1 lies in (0, 1], so the logarithm is finite.
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
}

/** A sequential generator over `hashUniform`, for code that just wants "the next number". */
export function createRng(seed: number, stream = 0): Rng {
  let counter = 0;
  return {
    next: () => hashUniform(seed, stream, counter++, 0),
    normal: () => hashNormal(seed, stream, counter++, 0),
  };
}

/** A stable 32-bit key for a string (run ids, surface ids), for deriving streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}
