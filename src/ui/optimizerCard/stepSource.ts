/**
 * The code that runs, shown on the optimizer card: the TypeScript of each optimizer's step, cut
 * from its source file's `// #region step` block when the app is built (build/stepSourcePlugin.ts),
 * so the card can never drift from what the simulation executes. Each excerpt is its own small
 * chunk, loaded when its card opens.
 */

const EXCERPTS = import.meta.glob<string>(
  [
    '../../core/optimizers/{sgd,adagrad,rmsprop,adam,adadelta,adamax,nadam,radam,rprop,asgd,lbfgs,newton,perturbedGd}.ts',
    '../../core/distributed/distributedSgd.ts',
  ],
  { query: '?step-source', import: 'default' },
);

/** The file whose step region each optimizer runs, relative to src/core. */
export const SOURCE_FILES: Readonly<Record<string, string>> = {
  SGD: 'optimizers/sgd.ts',
  Adagrad: 'optimizers/adagrad.ts',
  RMSprop: 'optimizers/rmsprop.ts',
  Adam: 'optimizers/adam.ts',
  // AdamW's step is Adam's, with the decay decoupled by its definition.
  AdamW: 'optimizers/adam.ts',
  Adadelta: 'optimizers/adadelta.ts',
  Adamax: 'optimizers/adamax.ts',
  NAdam: 'optimizers/nadam.ts',
  RAdam: 'optimizers/radam.ts',
  Rprop: 'optimizers/rprop.ts',
  ASGD: 'optimizers/asgd.ts',
  LBFGS: 'optimizers/lbfgs.ts',
  Newton: 'optimizers/newton.ts',
  PerturbedGD: 'optimizers/perturbedGd.ts',
  DistributedSGD: 'distributed/distributedSgd.ts',
};

export interface StepExcerpt {
  /** The code, as written in the file. */
  code: string;
  /** Where it lives, relative to src/core. */
  file: string;
}

/** Loads the step the optimizer runs, or null for an optimizer without a listed source. */
export async function loadStepExcerpt(optimizer: string): Promise<StepExcerpt | null> {
  const file = SOURCE_FILES[optimizer];
  const load = file ? EXCERPTS[`../../core/${file}`] : undefined;
  return load ? { code: await load(), file } : null;
}
