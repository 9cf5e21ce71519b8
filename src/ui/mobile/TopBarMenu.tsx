import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './mobile.css';

/**
 * The top bar's secondary controls. On a wide screen they sit in the bar as they are; on a narrow one
 * they fold behind a "Menu" button (a disclosure) so the bar keeps to one line and the plot keeps the
 * screen. Escape or a press outside folds them again.
 */
export function TopBarMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const contentId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      // Handled: the page's own Escape (leaving presentation mode) waits for the next press.
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      // A dialog opened from the menu lives in the top layer but in the menu's subtree: keep open.
      if (!menu.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <div className="topbar-menu" data-open={open} ref={menu}>
      <button
        ref={button}
        type="button"
        className="topbar-menu-button"
        aria-expanded={open}
        aria-controls={contentId}
        aria-label="Menu"
        title="Menu"
        onClick={() => setOpen(!open)}
      >
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      <div className="topbar-menu-content" id={contentId}>
        {children}
      </div>
    </div>
  );
}
