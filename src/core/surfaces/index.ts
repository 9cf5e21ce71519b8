/**
 * The built-in surfaces, in the order a picker shows them: simple bowls first, then the losses of
 * two small models on real (generated) data, then valleys, saddles and multimodal surfaces, ending
 * with the weird beast.
 */
import { linearRegression, logisticRegression } from '../data/regression.ts';
import { booth, elongated, matyas, plateau, quadratic } from './bowls.ts';
import {
  goldsteinPrice,
  himmelblau,
  sixHumpCamel,
  styblinskiTang,
  threeHumpCamel,
} from './multimodal.ts';
import { ackley, rastrigin } from './periodic.ts';
import { monkeySaddle, saddle } from './saddles.ts';
import type { Surface } from './types.ts';
import { beale, rosenbrock } from './valleys.ts';
import { weirdBeast } from './weirdBeast.ts';

export type { KnownMinimum, Surface, SurfaceFunctions } from './types.ts';

export const SURFACES: readonly Surface[] = Object.freeze([
  quadratic,
  elongated,
  booth,
  matyas,
  plateau,
  linearRegression,
  logisticRegression,
  rosenbrock,
  beale,
  saddle,
  monkeySaddle,
  himmelblau,
  threeHumpCamel,
  sixHumpCamel,
  styblinskiTang,
  goldsteinPrice,
  rastrigin,
  ackley,
  weirdBeast,
]);

export const SURFACE_IDS: readonly string[] = Object.freeze(SURFACES.map((surface) => surface.id));

const BY_ID: ReadonlyMap<string, Surface> = new Map(
  SURFACES.map((surface) => [surface.id, surface]),
);

export function getSurface(id: string): Surface | undefined {
  return BY_ID.get(id);
}
