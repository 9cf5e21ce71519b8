/**
 * What `sampledGradients` (sampledGradients.ts) loads, as one module: three separate dynamic imports
 * would make the bundler split out a runtime chunk that every page downloads.
 */
export { compressionOf } from '../distributed/compression.ts';
export { DistributedGradient } from '../distributed/workers.ts';
export { MinibatchGradient } from './minibatch.ts';
