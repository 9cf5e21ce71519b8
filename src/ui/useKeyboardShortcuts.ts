import { useEffect } from 'react';
import { useServices } from './appContext.ts';

/** Elements that own the keys they receive (typing, sliders, selects, buttons' Space). */
export function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
  return tag === 'BUTTON' && (key === ' ' || key === 'Enter');
}

/** Space play/pause, ← → step, R reset, + − speed. The same actions the buttons call. */
export function useKeyboardShortcuts(): void {
  const { store, controller } = useServices();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (ownsKeys(event.target, event.key)) return;
      const actions = store.getState();
      const handlers: Record<string, () => void> = {
        ' ': actions.togglePlay,
        ArrowRight: () => controller.stepForward(),
        ArrowLeft: () => controller.stepBack(),
        r: actions.reset,
        R: actions.reset,
        '+': () => actions.setSpeed(Math.round(actions.scene.speed * 2)),
        '=': () => actions.setSpeed(Math.round(actions.scene.speed * 2)),
        '-': () => actions.setSpeed(Math.max(1, Math.round(actions.scene.speed / 2))),
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, controller]);
}
