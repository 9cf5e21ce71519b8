/**
 * Presentation mode: a teacher's view of the app (large type, thick trails, high contrast, the
 * keyboard drives everything). It is how the page is shown, not what it shows, so it lives in a small
 * store of its own rather than in the scene; `present=1` in the address opens a link in it.
 */
import { createStore } from 'zustand/vanilla';

export const PRESENT_QUERY_KEY = 'present';

/** How much larger trails, markers and their labels are drawn while presenting. */
export const PRESENTATION_DRAW_SCALE = 2;

export interface PresentationState {
  presenting: boolean;
  /** The keyboard shortcuts dialog is open. */
  shortcutsOpen: boolean;
  /**
   * The sidebar is open where it is folded away: the bottom sheet of a phone, the drawer of
   * presentation mode (beside a wide screen's plot it is always shown).
   */
  sidebarOpen: boolean;
}

export interface PresentationActions {
  setPresenting(presenting: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setSidebarOpen(open: boolean): void;
}

export type PresentationStore = ReturnType<typeof createPresentationStore>;

export function createPresentationStore(presenting = false) {
  return createStore<PresentationState & PresentationActions>()((set) => ({
    presenting,
    shortcutsOpen: false,
    sidebarOpen: false,
    // Entering or leaving the mode starts with the drawer shut: the plot is what the room looks at.
    setPresenting: (next) => set({ presenting: next, sidebarOpen: false }),
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
    setSidebarOpen: (open) => set({ sidebarOpen: open }),
  }));
}

/** Whether a query string asks for presentation mode (`present=1`). */
export function presentingFromSearch(search: string): boolean {
  return search
    .replace(/^\?/, '')
    .split('&')
    .some((pair) => pair === `${PRESENT_QUERY_KEY}=1`);
}

/**
 * The query string with `present=1` added or removed, every other pair kept byte for byte (the
 * scene codec's characters must not be re-encoded).
 */
export function searchWithPresenting(search: string, presenting: boolean): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && pair.split('=')[0] !== PRESENT_QUERY_KEY);
  if (presenting) pairs.push(`${PRESENT_QUERY_KEY}=1`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Keeps `present=1` in the address bar while presenting; returns the function that stops it. */
export function syncPresentingToUrl(store: PresentationStore, target: Window = window): () => void {
  return store.subscribe((state, previous) => {
    if (state.presenting === previous.presenting) return;
    const { location, history } = target;
    const search = searchWithPresenting(location.search, state.presenting);
    if (search !== location.search)
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  });
}
