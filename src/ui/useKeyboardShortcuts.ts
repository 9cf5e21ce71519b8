import { useCallback, useEffect } from 'react';
import { useServices } from './appContext.ts';

const TEXT_INPUT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

/** Where every key is typing: text fields, text areas, editable content. */
function isTextField(target: HTMLElement): boolean {
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** The keys a control uses natively (a slider's arrows, a button's Space and Enter). */
function nativeKeys(target: HTMLElement): readonly string[] {
  if (target instanceof HTMLInputElement && target.type === 'range') {
    return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];
  }
  if (target instanceof HTMLInputElement && target.type === 'radio') {
    return [' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
  }
  if (target instanceof HTMLSelectElement) return [' ', 'Enter', 'ArrowUp', 'ArrowDown'];
  if (target instanceof HTMLInputElement || target.tagName === 'BUTTON' || target.tagName === 'A') {
    return [' ', 'Enter'];
  }
  return [];
}

/**
 * Controls that took the focus from a pointer (a click, a tap) rather than from the keyboard.
 * `:focus-visible` cannot tell: Chrome turns it on at the first key pressed on a clicked control.
 */
const focusedByPointer = new WeakSet<EventTarget>();
let pointerIsDown = false;

function trackFocusOrigin(): () => void {
  const onPointerDown = () => {
    pointerIsDown = true;
  };
  // A label's click focuses its input after the pointer is up: only a key ends the pointer's turn.
  const onKeyDown = () => {
    pointerIsDown = false;
  };
  const onFocusIn = (event: FocusEvent) => {
    if (!event.target) return;
    if (pointerIsDown) focusedByPointer.add(event.target);
    else focusedByPointer.delete(event.target);
  };
  window.addEventListener('pointerdown', onPointerDown, true);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('focusin', onFocusIn, true);
  return () => {
    window.removeEventListener('pointerdown', onPointerDown, true);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('focusin', onFocusIn, true);
  };
}

/**
 * Whether the focused element keeps `key` instead of playback. A text field keeps every key. Other
 * controls keep their native keys only when reached with the keyboard: after a click on a checkbox
 * or a slider, Space still plays and → still steps — what a teacher who just clicked a control
 * expects — while a keyboard user's Space still presses the button they tabbed to. Enter always
 * stays with the control.
 */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTextField(target)) return true;
  if (!nativeKeys(target).includes(key)) return false;
  return key === 'Enter' || !focusedByPointer.has(target);
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

/**
 * Escape on a control that is not a text field hands the keys back to playback (a slider reached
 * with Tab keeps its arrows until then).
 */
function releaseFocus(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== 'Escape' || !(target instanceof HTMLElement) || isTextField(target)) return;
  if (target.closest('dialog')) return;
  if (nativeKeys(target).length > 0) focusedByPointer.add(target);
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
  useEffect(() => {
    const stopTracking = trackFocusOrigin();
    window.addEventListener('keydown', releaseFocus);
    return () => {
      stopTracking();
      window.removeEventListener('keydown', releaseFocus);
    };
  }, []);
}
