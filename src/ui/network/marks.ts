/**
 * User Timing marks of the network view: training sent to the Worker, the runs trained, then their
 * landscape painted. The time from trained to painted is what a person waits for the contours once
 * the paths are there; `npm run bench:network` reads it, and the frames dropped while training.
 */
export const NETWORK_MARKS = {
  training: 'network-training',
  trained: 'network-trained',
  landscape: 'network-landscape-painted',
} as const;
