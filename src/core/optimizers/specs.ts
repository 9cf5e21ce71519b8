import type { ParamSpec } from './types.ts';

/**
 * Hyperparameters several optimizers share, with torch's names and bounds (torch raises
 * "Invalid learning rate", "Invalid epsilon value", … for values outside them).
 */

export function lrSpec(defaultValue: number): ParamSpec {
  return {
    name: 'lr',
    label: 'learning rate',
    kind: 'number',
    default: defaultValue,
    min: 0,
    log: true,
    range: [1e-5, 10],
    help: 'Step size γ: how far one update moves.',
  };
}

export function epsSpec(defaultValue: number): ParamSpec {
  return {
    name: 'eps',
    label: 'epsilon',
    kind: 'number',
    default: defaultValue,
    min: 0,
    log: true,
    range: [1e-12, 1],
    help: 'Added to the denominator so a tiny gradient history never divides by zero.',
  };
}

export function weightDecaySpec(defaultValue: number): ParamSpec {
  return {
    name: 'weight_decay',
    label: 'weight decay',
    kind: 'number',
    default: defaultValue,
    min: 0,
    range: [0, 1],
    help: 'Pulls the parameters towards 0 by λ·θ each step, as if λ/2·‖θ‖² were added to the loss.',
  };
}

/** Adam's (β₁, β₂): torch requires 0 ≤ β < 1 for each. */
export const betasSpec: ParamSpec = {
  name: 'betas',
  label: 'betas (β₁, β₂)',
  kind: 'pair',
  default: [0.9, 0.999],
  min: 0,
  max: 1,
  maxExclusive: true,
  help: 'Decay rates of the running mean of gradients (β₁) and of squared gradients (β₂).',
};

export const maximizeSpec: ParamSpec = {
  name: 'maximize',
  label: 'maximize',
  kind: 'boolean',
  default: false,
  help: 'Climb instead of descend: the gradient is negated before anything else.',
};

export const decoupledWeightDecaySpec: ParamSpec = {
  name: 'decoupled_weight_decay',
  label: 'decoupled weight decay',
  kind: 'boolean',
  default: false,
  help: 'Shrink θ by (1 − γλ) directly, as AdamW does, instead of adding λθ to the gradient.',
};
