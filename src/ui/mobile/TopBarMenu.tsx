import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { dialogOpen, useEscapeToClose } from './useEscapeToClose.ts';
import './mobile.css';

/** Widths at which the top bar may take two lines and its secondary controls always fold. */
const NARROW = window.matchMedia('(max-width: 820px)');

function subscribeToWidth(onChange: () => void): () => void {
  NARROW.addEventListener('change', onChange);
  return () => NARROW.removeEventListener('change', onChange);
}

/** How far the bar's items reach past its content box, in px (> 0: they do not fit on one line). */
function overflow(bar: HTMLElement): number {
  const box = bar.getBoundingClientRect();
  const right = box.right - parseFloat(getComputedStyle(bar).paddingRight);
  let reach = box.left;
  for (const item of bar.querySelectorAll(ITEMS)) {
    for (const rect of item.getClientRects()) reach = Math.max(reach, rect.right);
  }
  return reach - right;
}

/** The bar's items, those in the menu included (the menu itself is `display: contents`). */
const ITEMS = ':scope > *, .topbar-menu-content > *';

/**
 * How much of the menu folds: `none`, `some` (the display switches go behind the Menu button; Share,
 * Export and Present stay) or `all`.
 */
export type Fold = 'none' | 'some' | 'all';
const FOLDS: readonly Fold[] = ['none', 'some', 'all'];

/**
 * Folds the menu a step at a time while the bar's one line overflows: measured, not guessed from the
 * window's width, because what the line holds varies (a long surface name, a typed formula, "Reset
 * view", the large type of presentation mode). Unfolds a step when the bar is as wide as that step
 * needed when it last overflowed.
 */
function useFoldWhenFull(menu: React.RefObject<HTMLElement | null>): Fold {
  const [level, setLevel] = useState(0);
  const fold = useRef({ level: 0, needed: [] as number[] });
  useLayoutEffect(() => {
    const bar = menu.current?.parentElement;
    if (!bar) return;
    // Called at once, and whenever the bar or an item changes size (a step of folding included, so
    // an unfolding that overflows again is folded back in the same frame).
    const observer = new ResizeObserver(() => {
      const next = foldStep(bar, fold.current);
      // Rendered before the frame is painted, so an overflowing bar is never seen.
      if (next !== null) flushSync(() => setLevel(next));
    });
    observer.observe(bar);
    for (const item of bar.querySelectorAll(ITEMS)) observer.observe(item);
    return () => observer.disconnect();
  }, [menu]);
  return FOLDS[level];
}

/**
 * One step of folding or unfolding, or null if the bar is right as it is. `needed[k]` is the bar
 * width the items took at fold level k when they last overflowed.
 */
function foldStep(bar: HTMLElement, fold: { level: number; needed: number[] }): number | null {
  const excess = overflow(bar);
  const { level, needed } = fold;
  if (excess > 0.5 && level < FOLDS.length - 1) {
    needed[level] = bar.clientWidth + excess;
    fold.level = level + 1;
  } else if (excess <= 0.5 && level > 0 && bar.clientWidth >= needed[level - 1]) {
    fold.level = level - 1; // if it overflows again, the next step folds it back
  } else {
    return null;
  }
  return fold.level;
}

/**
 * The top bar's secondary controls. Where the bar has room they sit in it as they are; where it has
 * not (a phone, a projector's large type, a long name) they fold behind a "Menu" button (a disclosure)
 * so the bar keeps to one line and the plot keeps the screen. Escape or a press outside folds them
 * again.
 */
export function TopBarMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDivElement>(null);
  const narrow = useSyncExternalStore(subscribeToWidth, () => NARROW.matches);
  const measured = useFoldWhenFull(menu);
  const fold = narrow ? 'all' : measured;
  const folded = fold !== 'none';
  const [open, setOpen] = useState(false);
  // Opened while folded and then unfolded (presentation ended, a wider window): nothing is open.
  const expanded = folded && open;
  const contentId = useId();
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
    <div className="topbar-menu" data-fold={fold} data-open={expanded} ref={menu}>
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
