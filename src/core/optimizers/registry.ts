import { distributedSgd } from '../distributed/distributedSgd.ts';
import { adadelta } from './adadelta.ts';
import { adagrad } from './adagrad.ts';
import { adam } from './adam.ts';
import { adamax } from './adamax.ts';
import { adamw } from './adamw.ts';
import { asgd } from './asgd.ts';
import { lbfgs } from './lbfgs.ts';
import { nadam } from './nadam.ts';
import { newton } from './newton.ts';
import { perturbedGd } from './perturbedGd.ts';
import { radam } from './radam.ts';
import { rmsprop } from './rmsprop.ts';
import { rprop } from './rprop.ts';
import { sgd } from './sgd.ts';
import type { OptimizerDefinition } from './types.ts';

/** Every optimizer, torch's first in the order torch.optim documents them, then our own. */
export const OPTIMIZERS: readonly OptimizerDefinition[] = [
  sgd,
  adagrad,
  rmsprop,
  adam,
  adamw,
  adadelta,
  adamax,
  nadam,
  radam,
  rprop,
  asgd,
  lbfgs,
  newton,
  perturbedGd,
  distributedSgd,
];

const BY_NAME = new Map(OPTIMIZERS.map((def) => [def.name.toLowerCase(), def]));

/** The optimizer whose class name is `name`, ignoring case (`adamw`, `RMSProp`), or undefined. */
export function findOptimizer(name: string): OptimizerDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}
