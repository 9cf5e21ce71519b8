import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Rect } from '../render/labelPlacement.ts';
import type { LegendCorner } from '../render/legendCorner.ts';
import { offsetBox } from './offsetBox.ts';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from './appContext.ts';
import { RunMarker } from './RunMarker.tsx';
import { countRender } from './renderCount.ts';

/** A finger cannot hit a 16-px legend entry, and 44-px ones would cover a phone's plot. */
const COARSE_POINTER = window.matchMedia('(pointer: coarse)');
const subscribeToPointer = (onChange: () => void) => {
  COARSE_POINTER.addEventListener('change', onChange);
  return () => COARSE_POINTER.removeEventListener('change', onChange);
};

/**
 * Who is who on the plot: each run's marker, colour and name, the same everywhere (screen, embed,
 * presenting). A click shows or hides the run; on touch screens the legend is for reading (the
 * run cards' checkboxes show and hide). Read from the store as `label␀visible` strings, so it
 * re-renders when a name or a visibility changes, never per frame. `compact` (a small plot): the
 * legend starts as one button of markers that unfolds the names.
 */
export function RunLegend({
  onBox,
  corner = 'top-right',
  compact = false,
}: {
  onBox: (box: Rect | null) => void;
  /** The plot's corner it sits in (legendCorner.ts chooses). */
  corner?: LegendCorner;
  compact?: boolean;
}) {
  countRender('RunLegend');
  const list = useRef<HTMLUListElement>(null);
  // Its box within the plot area, whenever its size (a run shown, hidden, renamed) or the area's
  // (which moves it) changes.
  useLayoutEffect(() => {
    const element = list.current!;
    const measure = () => onBox(offsetBox(element));
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(element.parentElement!);
    return () => {
      observer.disconnect();
      onBox(null);
    };
    // A new corner moves the box without resizing it: measured again then too.
  }, [onBox, corner]);
  const actions = useActions();
  const touch = useSyncExternalStore(subscribeToPointer, () => COARSE_POINTER.matches);
  const entries = useApp(
    useShallow((s) => s.scene.runs.map((run) => `${run.id}\u0000${run.label}\u0000${run.visible}`)),
  );
  const [unfolded, setUnfolded] = useState(false);
  const folded = compact && !unfolded;
  return (
    <ul
      ref={list}
      className={folded ? 'run-legend compact' : 'run-legend'}
      data-corner={corner}
      aria-label={folded || touch ? 'Legend' : 'Legend: click a run to show or hide it'}
      data-testid="legend"
    >
      {folded ? (
        <li>
          <FoldToggle unfolded={false} onToggle={setUnfolded}>
            {entries.map((entry, index) => (
              <RunMarker key={entry.split('\u0000')[0]} index={index} size={12} />
            ))}
          </FoldToggle>
        </li>
      ) : (
        entries.map((entry, index) => {
          const [id, label, visible] = entry.split('\u0000');
          const shown = visible === 'true';
          const marker = <RunMarker index={index} size={14} />;
          return (
            <li key={id} className={shown ? undefined : 'hidden-run'}>
              {touch ? (
                <span>
                  {marker}
                  {label}
                </span>
              ) : (
                <button
                  type="button"
                  aria-pressed={shown}
                  title={shown ? `Hide ${label}` : `Show ${label}`}
                  onClick={() => actions.setRunVisible(id, !shown)}
                >
                  {marker}
                  {label}
                </button>
              )}
            </li>
          );
        })
      )}
      {compact && !folded && (
        <li>
          <FoldToggle unfolded={true} onToggle={setUnfolded}>
            ×
          </FoldToggle>
        </li>
      )}
    </ul>
  );
}

/** A compact legend's button between its markers alone and the runs' names. */
function FoldToggle({
  unfolded,
  onToggle,
  children,
}: {
  unfolded: boolean;
  onToggle: (unfolded: boolean) => void;
  children: React.ReactNode;
}) {
  const label = unfolded ? 'Fold the legend' : "Show the runs' names";
  return (
    <button
      type="button"
      aria-expanded={unfolded}
      aria-label={label}
      title={label}
      onClick={() => onToggle(!unfolded)}
    >
      {children}
    </button>
  );
}
