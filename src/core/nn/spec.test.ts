import { describe, expect, it } from 'vitest';
import { findOptimizer } from '../optimizers/registry.ts';
import {
  defaultNetworkSpec,
  NEWTON_MAX_PARAMETERS,
  networkOptimizerIssue,
  networkParameterCount,
} from './spec.ts';

describe('networkOptimizerIssue', () => {
  const newton = findOptimizer('Newton')!;

  it('Newton on the default [2, 16, 16, 1] net: refused, naming the Hessian’s size and the cut-off', () => {
    const parameters = networkParameterCount(defaultNetworkSpec());
    expect(parameters).toBe(337);
    expect(networkOptimizerIssue(newton, parameters)).toBe(
      'Newton needs the 337×337 Hessian: only up to 64 parameters',
    );
  });

  it('Newton up to the cut-off is allowed: [2, 4, 1] has 17 parameters, and 64 exactly passes', () => {
    const small = networkParameterCount({ ...defaultNetworkSpec(), hidden: [4] });
    expect(small).toBe(17);
    expect(networkOptimizerIssue(newton, small)).toBeNull();
    expect(networkOptimizerIssue(newton, NEWTON_MAX_PARAMETERS)).toBeNull();
    expect(networkOptimizerIssue(newton, NEWTON_MAX_PARAMETERS + 1)).toMatch(/65×65 Hessian/);
  });

  it('DistributedSGD never trains a network; first-order optimizers always do', () => {
    expect(networkOptimizerIssue(findOptimizer('DistributedSGD')!, 17)).toMatch(/2D surfaces only/);
    expect(networkOptimizerIssue(findOptimizer('Adam')!, 10_000)).toBeNull();
  });
});
