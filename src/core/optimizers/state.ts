import type { OptimizerDefinition, Params } from './types.ts';

/** The state slots an optimizer with these hyperparameters needs (L-BFGS's grow with history_size). */
export function stateSlotCount(def: OptimizerDefinition, params: Params): number {
  return typeof def.stateSlots === 'number' ? def.stateSlots : def.stateSlots(params);
}

/** Fresh optimizer state for n coordinates: zero-filled slots, then the optimizer's `init`. */
export function createOptimizerState(
  def: OptimizerDefinition,
  params: Params,
  n: number,
): Float64Array[] {
  const state = Array.from({ length: stateSlotCount(def, params) }, () => new Float64Array(n));
  def.init?.(params, state);
  return state;
}
