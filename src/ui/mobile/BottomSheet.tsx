import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { useEscapeToClose } from './useEscapeToClose.ts';
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
  const close = useCallback(() => setOpen(false), []);
  // Only where the sheet is a sheet: on a wide screen the handle is not shown.
  const notASheet = useCallback(() => handle.current?.getClientRects().length === 0, []);
  useEscapeToClose(open, close, handle, notASheet);
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
