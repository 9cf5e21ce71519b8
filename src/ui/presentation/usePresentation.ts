import { useStore } from 'zustand';
import {
  createPresentationStore,
  presentingFromSearch,
  syncPresentingToUrl,
  type PresentationActions,
  type PresentationState,
  type PresentationStore,
} from '../../state/presentation.ts';

let store: PresentationStore | null = null;

/** The page's presentation store, created on first use from the address (`present=1`). */
export function presentationStore(): PresentationStore {
  if (!store) {
    store = createPresentationStore(presentingFromSearch(window.location.search));
    syncPresentingToUrl(store);
  }
  return store;
}

export function usePresentation<T>(
  selector: (state: PresentationState & PresentationActions) => T,
): T {
  return useStore(presentationStore(), selector);
}
