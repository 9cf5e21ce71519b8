import type { Scene } from '../../core/scene/scene.ts';

/** A run card's line in the network view: the network run's own state at the clock's step. */
type NetworkRunStatus = (scene: Scene, index: number, step: number) => string;

let status: NetworkRunStatus | null = null;

/**
 * The run cards are on the first screen, the network view's code is not: the view hands the cards
 * its status line when it loads (networkResults.ts), and until then a card says so.
 */
export function setNetworkRunStatus(line: NetworkRunStatus): void {
  status = line;
}

export function networkRunStatus(scene: Scene, index: number, step: number): string {
  return status ? status(scene, index, step) : 'network: loading…';
}
