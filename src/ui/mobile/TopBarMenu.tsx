import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { usePresentation } from '../presentation/usePresentation.ts';
import { useEscapeToClose } from './useEscapeToClose.ts';
import './mobile.css';

/** Widths below which the secondary controls no longer fit the top bar's line. */
const NARROW = window.matchMedia('(max-width: 820px)');
/** Presentation mode's larger type needs a wider screen (a 1280 px projector is too narrow). */
const NARROW_FOR_PRESENTING = window.matchMedia('(max-width: 1600px)');

/** A dialog opened from the menu takes Escape for itself. */
const dialogOpen = () => document.querySelector('dialog[open]') !== null;

function subscribeToWidths(onChange: () => void): () => void {
  NARROW.addEventListener('change', onChange);
  NARROW_FOR_PRESENTING.addEventListener('change', onChange);
  return () => {
    NARROW.removeEventListener('change', onChange);
    NARROW_FOR_PRESENTING.removeEventListener('change', onChange);
  };
}

/**
 * The top bar's secondary controls. On a wide screen they sit in the bar as they are; on a narrow one
 * (or while presenting on anything short of a wide screen) they fold behind a "Menu" button (a
 * disclosure) so the bar keeps to one line and the plot keeps the screen. Escape or a press outside
 * folds them again.
 */
export function TopBarMenu({ children }: { children: ReactNode }) {
  const presenting = usePresentation((s) => s.presenting);
  const folded = useSyncExternalStore(
    subscribeToWidths,
    () => (presenting ? NARROW_FOR_PRESENTING : NARROW).matches,
  );
  const [open, setOpen] = useState(false);
  // Opened while folded and then unfolded (presentation ended, a wider window): nothing is open.
  const expanded = folded && open;
  const contentId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEscapeToClose(expanded, close, button, dialogOpen);
  useEffect(() => {
    if (!expanded) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      // A dialog opened from the menu lives in the top layer but in the menu's subtree: keep open.
      if (!menu.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [expanded]);
  return (
    <div className="topbar-menu" data-folded={folded} data-open={expanded} ref={menu}>
      <button
        ref={button}
        type="button"
        className="topbar-menu-button"
        aria-expanded={expanded}
        aria-controls={contentId}
        aria-label="Menu"
        title="Menu"
        onClick={() => setOpen(!expanded)}
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
