import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * What every torch optimizer does to the gradient before its own update, in torch's order:
 * `maximize` negates it, then weight decay λ adds λ·θ (L2) — except where the decay is decoupled
 * (AdamW always; Adam, NAdam and RAdam when `decoupled_weight_decay` is true), which shrinks θ in
 * the step instead (`applyDecoupledWeightDecay`). Our own optimizers have neither hyperparameter,
 * so this leaves their gradient alone. Inactive particles are skipped.
 */
export function prepareGradient(
  def: OptimizerDefinition,
  params: Params,
  theta: Float64Array,
  grad: Float64Array,
  active: Uint8Array,
): void {
  const sign = params.maximize === true ? -1 : 1;
  const l2 = isDecoupled(def, params) ? 0 : weightDecay(params);
  if (sign === 1 && l2 === 0) return;
  const n = grad.length;
  for (let i = 0; i < n; i++) {
    if (active[i >> 1] === 0) continue;
    // torch: grad = -grad; grad = grad.add(param, alpha=weight_decay), i.e. g + λ·θ.
    // Negation is exact, and torch skips the add entirely when λ = 0.
    const g = sign * grad[i];
    grad[i] = l2 === 0 ? g : g + l2 * theta[i];
  }
}

/** * Decoupled weight decay, torch's `param.mul_(1 - lr * weight_decay)`, applied at the start of
 * the step (the gradient was taken at the undecayed θ). Does nothing when the decay is L2 or 0.
 */
export function applyDecoupledWeightDecay(
  def: OptimizerDefinition,
  params: Params,
  ctx: StepContext,
): void {
  const lambda = weightDecay(params);
  if (lambda === 0 || !isDecoupled(def, params)) return;
  const factor = 1 - (params.lr as number) * lambda;
  const { n, theta, active } = ctx;
  for (let i = 0; i < n; i++) {
    if (active[i >> 1] !== 0) theta[i] *= factor;
  }
}

function isDecoupled(def: OptimizerDefinition, params: Params): boolean {
  return def.decoupledWeightDecay || params.decoupled_weight_decay === true;
}

function weightDecay(params: Params): number {
  return typeof params.weight_decay === 'number' ? params.weight_decay : 0;
}
