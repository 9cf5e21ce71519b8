import { hashUniform, RANDOM_STREAMS } from '../random.ts';
import { layerSlices, parameterCount } from './network.ts';

/**
 * Fresh parameters as `nn.Linear` draws them: weight and bias uniform in ±1/√fan_in (kaiming_uniform
 * with a = √5 gives exactly that bound for the weight). The numbers come from the scene's seed, one
 * counter per parameter, so a link reproduces the same network (not torch's generator: the
 * PyTorch export writes these numbers into its script).
 */
export function initialParameters(layers: readonly number[], seed: number): Float64Array {
  const theta = new Float64Array(parameterCount(layers));
  for (const { fanIn, fanOut, weight } of layerSlices(layers)) {
    const bound = 1 / Math.sqrt(fanIn);
    const end = weight + fanOut * (fanIn + 1);
    for (let p = weight; p < end; p++) {
      theta[p] = (2 * hashUniform(seed, RANDOM_STREAMS.networkInit, p, 0) - 1) * bound;
    }
  }
  return theta;
}
