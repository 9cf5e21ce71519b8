import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from './appContext.ts';
import { RunMarker } from './RunMarker.tsx';

/**
 * Who is who on the plot: each run's marker, colour and name, the same everywhere (screen, embed,
 * presenting). A click shows or hides the run. Read from the store as `label␀visible` strings, so it
 * re-renders when a name or a visibility changes, never per frame.
 */
export function RunLegend() {
  const actions = useActions();
  const entries = useApp(
    useShallow((s) => s.scene.runs.map((run) => `${run.id}\u0000${run.label}\u0000${run.visible}`)),
  );
  return (
    <ul
      className="run-legend"
      aria-label="Legend: click a run to show or hide it"
      data-testid="legend"
    >
      {entries.map((entry, index) => {
        const [id, label, visible] = entry.split('\u0000');
        const shown = visible === 'true';
        return (
          <li key={id}>
            <button
              type="button"
              aria-pressed={shown}
              className={shown ? undefined : 'hidden-run'}
              title={shown ? `Hide ${label}` : `Show ${label}`}
              onClick={() => actions.setRunVisible(id, !shown)}
            >
              <RunMarker index={index} size={14} />
              {label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
