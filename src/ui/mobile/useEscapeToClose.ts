import { useEffect, type RefObject } from 'react';

/** A modal dialog is open: it takes Escape for itself. */
export const dialogOpen = () => document.querySelector('dialog[open]') !== null;

/**
 * While a disclosure is open, Escape closes it and gives focus back to its toggle — unless `ignore()`
 * says this Escape belongs to something else. The press counts as handled, so the page's own Escape
 * (leaving presentation mode) waits for the next one.
 */
export function useEscapeToClose(
  open: boolean,
  close: () => void,
  toggle: RefObject<HTMLElement | null>,
  ignore: () => boolean,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || ignore()) return;
      event.preventDefault();
      close();
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close, toggle, ignore]);
}
