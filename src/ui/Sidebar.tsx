import { useCallback, useRef, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { dialogOpen, useEscapeToClose } from './mobile/useEscapeToClose.ts';
import { MOUNT_TURN, useMountTurn } from './mountTurns.ts';
import { presentationStore, usePresentation } from './presentation/usePresentation.ts';
import './mobile/mobile.css';

const CONTENT_ID = 'sidebar-content';

/** True when `element` is not shown (its toggle belongs to another layout). */
const hidden = (element: HTMLElement | null) => !element || element.getClientRects().length === 0;

function useSidebarOpen() {
  const open = usePresentation((s) => s.sidebarOpen);
  const setOpen = useCallback(
    (next: boolean) => presentationStore().getState().setSidebarOpen(next),
    [],
  );
  return [open, setOpen] as const;
}

/**
 * The sidebar: surface, inspector, noise, starts and run cards. On a wide screen it is a column
 * beside the plot. On a narrow one it becomes a sheet along the bottom edge that its "Optimizers"
 * handle opens and closes; while presenting on a wide screen, a drawer over the plot's right side
 * that the top bar's `SidebarToggle` opens — either way the plot keeps the screen. Escape closes both.
 * Its content mounts a turn after the plot (mountTurns.ts).
 */
export function Sidebar({ children }: { children: ReactNode }) {
  const [open, setOpen] = useSidebarOpen();
  const handle = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), [setOpen]);
  // Only where the sheet is a sheet: elsewhere the handle is not shown.
  const notASheet = useCallback(() => hidden(handle.current) || dialogOpen(), []);
  useEscapeToClose(open, close, handle, notASheet);
  const mounted = useMountTurn(MOUNT_TURN.sidebar);
  return (
    <aside className="sidebar bottom-sheet" data-open={open} aria-label="Optimizers and surface">
      <button
        ref={handle}
        type="button"
        className="sheet-handle"
        aria-expanded={open}
        aria-controls={CONTENT_ID}
        onClick={() => setOpen(!open)}
      >
        <span className="sheet-grip" aria-hidden="true" />
        Optimizers
      </button>
      <div className="sheet-content" id={CONTENT_ID} tabIndex={-1}>
        {mounted && children}
      </div>
    </aside>
  );
}

/**
 * The top bar's button for the presentation drawer (shown only while presenting on a wide screen).
 * Opening moves the focus into the drawer, so Tab walks its controls; Escape closes it and gives the
 * focus back here.
 */
export function SidebarToggle() {
  const [open, setOpen] = useSidebarOpen();
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), [setOpen]);
  const notADrawer = useCallback(() => hidden(button.current) || dialogOpen(), []);
  useEscapeToClose(open, close, button, notADrawer);
  return (
    <button
      ref={button}
      type="button"
      className="sidebar-toggle"
      aria-expanded={open}
      aria-controls={CONTENT_ID}
      title="Surface, start points and optimizers (Esc closes)"
      onClick={() => {
        if (open) return setOpen(false);
        flushSync(() => setOpen(true));
        document.getElementById(CONTENT_ID)?.focus({ preventScroll: true });
      }}
    >
      Optimizers
    </button>
  );
}
