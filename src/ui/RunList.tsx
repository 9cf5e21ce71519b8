import { useShallow } from 'zustand/react/shallow';
import { networkSpecs } from '../core/nn/onDemand.ts';
import type { NetworkSpec } from '../core/nn/spec.ts';
import { PRESETS, type OptimizerPreset } from '../core/optimizers/presets.ts';
import { findOptimizer } from '../core/optimizers/registry.ts';
import { LIMITS } from '../core/scene/scene.ts';
import { useActions, useApp } from './appContext.ts';
import { MOUNT_TURN, RUN_CARDS_PER_TURN, useMountTurn } from './mountTurns.ts';
import { RunCard } from './RunCard.tsx';

/**
 * Why a preset cannot train the network on screen (Newton beyond its Hessian's cut-off, the
 * distributed runs), or null. A scene holding a network has loaded the network checks.
 */
function networkRefusal(preset: OptimizerPreset, network: NetworkSpec | undefined): string | null {
  const optimizer = findOptimizer(preset.optimizer);
  if (!network || !optimizer) return null;
  const { networkOptimizerIssue, networkParameterCount } = networkSpecs.get();
  const issue = networkOptimizerIssue(optimizer, networkParameterCount(network));
  if (issue === null) return null;
  return issue.startsWith(preset.label) ? issue : `${preset.label}: ${issue}`;
}

/** A run card, mounted on its turn of the first screen: a few cards a frame. */
function RunCardInTurn(props: Parameters<typeof RunCard>[0]) {
  const turn = MOUNT_TURN.runCards + Math.floor(props.index / RUN_CARDS_PER_TURN);
  return useMountTurn(turn) ? <RunCard {...props} /> : null;
}

export function RunList() {
  const runs = useApp(useShallow((s) => s.scene.runs));
  const network = useApp((s) => s.scene.network);
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
          {PRESETS.map((preset) => {
            const refusal = networkRefusal(preset, network);
            return (
              <option key={preset.id} value={preset.id} disabled={refusal !== null}>
                {refusal ?? preset.label}
              </option>
            );
          })}
        </select>
      </div>
      {runs.length >= LIMITS.runs && (
        <p className="run-cap-note" role="status">
          At most {LIMITS.runs} runs: remove one to add or duplicate another.
        </p>
      )}
      {runs.map((run, index) => (
        <RunCardInTurn
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
