import { describe, expect, it } from 'vitest';
import {
  createPresentationStore,
  presentingFromSearch,
  searchWithPresenting,
} from './presentation.ts';

describe('presentation mode in the address', () => {
  it('present=1 opens a link in presentation mode; other values and keys do not', () => {
    expect(presentingFromSearch('?v=1&present=1')).toBe(true);
    expect(presentingFromSearch('present=1')).toBe(true);
    expect(presentingFromSearch('?present=0')).toBe(false);
    expect(presentingFromSearch('?represent=1')).toBe(false);
    expect(presentingFromSearch('')).toBe(false);
  });

  it('adds and removes present=1 and keeps every other pair byte for byte', () => {
    const scene = '?v=1&s=rosenbrock&runs=adam!lr_0.02,sgd&start=-1.5~2';
    expect(searchWithPresenting(scene, true)).toBe(`${scene}&present=1`);
    expect(searchWithPresenting(`${scene}&present=1`, false)).toBe(scene);
    expect(searchWithPresenting('?present=1', false)).toBe('');
    expect(searchWithPresenting('', true)).toBe('?present=1');
    expect(searchWithPresenting('?present=1&embed=1', true)).toBe('?embed=1&present=1');
  });

  it('the store starts as asked and toggles the mode and the shortcuts dialog', () => {
    const store = createPresentationStore(true);
    expect(store.getState()).toMatchObject({ presenting: true, shortcutsOpen: false });
    store.getState().setPresenting(false);
    store.getState().setShortcutsOpen(true);
    expect(store.getState()).toMatchObject({ presenting: false, shortcutsOpen: true });
  });

  it('entering or leaving the mode shuts the sidebar drawer', () => {
    const store = createPresentationStore(false);
    store.getState().setSidebarOpen(true);
    expect(store.getState().sidebarOpen).toBe(true);
    store.getState().setPresenting(true);
    expect(store.getState().sidebarOpen).toBe(false);
    store.getState().setSidebarOpen(true);
    store.getState().setPresenting(false);
    expect(store.getState().sidebarOpen).toBe(false);
  });
});
