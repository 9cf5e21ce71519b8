import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './mobile.css';

/**
 * The sidebar. On a wide screen it is a column beside the plot; on a narrow one it becomes a sheet
 * along the bottom edge that the "Optimizers" handle (or Escape) opens and closes, so the plot keeps
 * the screen.
 */
export function BottomSheet({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const contentId = useId();
  const handle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // Only where the sheet is a sheet: on a wide screen the handle is not shown.
      if (event.key !== 'Escape' || handle.current?.getClientRects().length === 0) return;
      // Handled: the page's own Escape (leaving presentation mode) waits for the next press.
      event.preventDefault();
      setOpen(false);
      handle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <aside className="sidebar bottom-sheet" data-open={open} aria-label="Optimizers and surface">
      <button
        ref={handle}
        type="button"
        className="sheet-handle"
        aria-expanded={open}
        aria-controls={contentId}
        onClick={() => setOpen(!open)}
      >
        <span className="sheet-grip" aria-hidden="true" />
        Optimizers
      </button>
      <div className="sheet-content" id={contentId}>
        {children}
      </div>
    </aside>
  );
}
