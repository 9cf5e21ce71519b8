import { setText } from '../useTick.ts';

/**
 * Writes per-frame texts into a panel without React: every `[data-slot=name]` element under
 * `container` gets texts[name] (empty when absent), and every `[data-show=name]` element is hidden
 * unless texts[name] is non-empty. The DOM is touched only where something changed.
 */
export function writeSlots(container: HTMLElement | null, texts: Record<string, string>): void {
  if (!container) return;
  for (const element of container.querySelectorAll<HTMLElement>('[data-slot]')) {
    setText(element, texts[element.dataset.slot!] ?? '');
  }
  for (const element of container.querySelectorAll<HTMLElement>('[data-show]')) {
    const hidden = !texts[element.dataset.show!];
    if (element.hidden !== hidden) element.hidden = hidden;
  }
}
