import { useShallow } from 'zustand/react/shallow';
import { PRESETS } from '../core/optimizers/presets.ts';
import { LIMITS } from '../core/scene/scene.ts';
import { useActions, useApp } from './appContext.ts';
import { RunCard } from './RunCard.tsx';

export function RunList() {
  const runs = useApp(useShallow((s) => s.scene.runs));
  const actions = useActions();
  return (
    <div className="run-list">
      <div className="run-list-header">
        <h2>Optimizers</h2>
        <select
          aria-label="Add optimizer"
          value=""
          disabled={runs.length >= LIMITS.runs}
          onChange={(event) => {
            if (event.currentTarget.value) actions.addRun(event.currentTarget.value);
          }}
        >
          <option value="">+ Add optimizer…</option>
          {PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      </div>
      {runs.length >= LIMITS.runs && (
        <p className="run-cap-note" role="status">
          At most {LIMITS.runs} runs: remove one to add or duplicate another.
        </p>
      )}
      {runs.map((run, index) => (
        <RunCard
          key={run.id}
          run={run}
          index={index}
          canRemove={runs.length > 1}
          canAdd={runs.length < LIMITS.runs}
        />
      ))}
    </div>
  );
}
