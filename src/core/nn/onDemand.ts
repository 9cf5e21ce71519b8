import { onDemand } from '../onDemand.ts';

/**
 * The network experiment's checks and link codec, which only scenes holding one need (loaded like
 * the lab's, so the first screen never carries the network code).
 */
export const networkSpecs = onDemand('the network experiment checks', async () => {
  const { checkNetwork, decodeNetwork, encodeNetwork } = await import('./spec.ts');
  return { checkNetwork, decodeNetwork, encodeNetwork };
});
