import { onDemand } from '../onDemand.ts';

/**
 * The network experiment's description (spec.ts): its checks, link codec, and what a net allows
 * (parameter count, optimizers). Only scenes holding one need it, so it is loaded like the lab's
 * and the first screen never carries the network code.
 */
export const networkSpecs = onDemand('the network experiment checks', () => import('./spec.ts'));
