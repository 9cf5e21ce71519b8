import { useCallback, useEffect } from 'react';
import { useServices } from './appContext.ts';

/** Elements that own the keys they receive (typing, sliders, selects, buttons' Space). */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
  return tag === 'BUTTON' && (key === ' ' || key === 'Enter');
}

/** What a key does; returning false leaves the key press to the browser. */
export type KeyHandler = () => void | false;

/**
 * Listens for keys on the window. `keysFor` builds the handlers at each key press, so they read the
 * state of that moment. Modified keys and keys that the focused control owns are left alone, except
 * those listed in `anywhere` (Escape, say).
 */
export function useWindowKeys(
  keysFor: () => Record<string, KeyHandler>,
  anywhere: readonly string[] = [],
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!anywhere.includes(event.key) && ownsKeys(event.target, event.key)) return;
      const handler = keysFor()[event.key];
      if (handler && handler() !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keysFor, anywhere]);
}

/** Space play/pause, ← → step, R reset, + − speed. The same actions the buttons call. */
export function useKeyboardShortcuts(): void {
  const { store, controller } = useServices();
  const keysFor = useCallback(() => {
    const actions = store.getState();
    const faster = () => actions.setSpeed(Math.round(actions.scene.speed * 2));
    return {
      ' ': actions.togglePlay,
      ArrowRight: () => controller.stepForward(),
      ArrowLeft: () => controller.stepBack(),
      r: actions.reset,
      R: actions.reset,
      '+': faster,
      '=': faster,
      '-': () => actions.setSpeed(Math.max(1, Math.round(actions.scene.speed / 2))),
    };
  }, [store, controller]);
  useWindowKeys(keysFor);
}
