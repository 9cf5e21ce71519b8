/**
 * User Timing marks of the network view: the runs trained, then their landscape painted. The time
 * between them is what a person waits for the contours once the paths are there; `npm run
 * bench:network` reads it.
 */
export const NETWORK_MARKS = {
  trained: 'network-trained',
  landscape: 'network-landscape-painted',
} as const;
