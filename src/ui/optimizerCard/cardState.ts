/**
 * Which optimizer card is open: the card of one run of the scene (so its PyTorch line follows that
 * run's hyperparameters). Opened from a run card's "About" button and from the lessons.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

interface CardState {
  /** The scene run whose card is open, or null. */
  runId: string | null;
}

export const cardStore = createStore<CardState>()(() => ({ runId: null }));

export function openOptimizerCard(runId: string): void {
  cardStore.setState({ runId });
}

export function closeOptimizerCard(): void {
  cardStore.setState({ runId: null });
}

export function useOpenCard(): string | null {
  return useStore(cardStore, (state) => state.runId);
}
