import { useCallback, useRef } from 'react';
import { findOptimizer } from '../core/optimizers/registry.ts';
import type { SceneRun } from '../core/scene/scene.ts';
import { describeFate, fateOf, ViewExits } from '../core/sim/fate.ts';
import type { FrameState } from '../playback/simulationController.ts';
import { useActions } from './appContext.ts';
import { formatNumber } from './format.ts';
import { networkRunStatus } from './network/runCardStatus.ts';
import { openOptimizerCard } from './optimizerCard/cardState.ts';
import { ParamField } from './ParamField.tsx';
import { RunMarker } from './RunMarker.tsx';
import { SchedulePicker } from './SchedulePicker.tsx';
import { setText, useTick } from './useTick.ts';
import { countRender } from './renderCount.ts';

const exits = new ViewExits();

/**
 * Live numbers of the run's first particle — or what became of it: diverged, exploding, out of the
 * view — or a summary when it has many. In the network view: the network run's own.
 */
function runStatus(frame: FrameState, index: number): string {
  if (frame.scene.network) return networkRunStatus(frame.scene, index, frame.step);
  const run = frame.simulation.runs[index];
  if (!run) return '';
  const step = Math.min(frame.step, run.steps);
  const view = frame.scene.view ?? frame.surface.view;
  const leftAt = exits.since(run, view, step);
  if (run.particles === 1) {
    const fate = fateOf(run, 0, step, leftAt[0]);
    const numbers = [
      `loss ${formatNumber(run.losses.get(step, 0))} · ‖∇f‖ ${formatNumber(run.gradNorms.get(step, 0))}`,
      ...costAndRate(frame, index, step),
    ].join(' · ');
    if (!fate) return numbers;
    return fate.kind === 'left' ? `${describeFate(fate)} · ${numbers}` : describeFate(fate);
  }
  let diverged = 0;
  let exploding = 0;
  let outside = 0;
  for (let p = 0; p < run.particles; p++) {
    const fate = fateOf(run, p, step, leftAt[p]);
    if (fate?.kind === 'diverged') diverged++;
    else if (fate?.kind === 'exploding') exploding++;
    else if (fate?.kind === 'left') outside++;
  }
  const parts = [`${run.particles - diverged} of ${run.particles} particles moving`];
  parts.push(...costAndRate(frame, index, step));
  if (outside > 0) parts.push(`${outside} out of view`);
  if (exploding > 0) parts.push(`${exploding} exploding`);
  if (diverged > 0) parts.push(`${diverged} diverged`);
  return parts.join(' · ');
}

/**
 * What a step costs and uses, where that varies: L-BFGS's evaluations so far (of the first
 * particle), and the lr a schedule set for this step.
 */
function costAndRate(frame: FrameState, index: number, step: number): string[] {
  const run = frame.simulation.runs[index];
  const parts: string[] = [];
  if (run.evaluations) {
    const whose = run.particles > 1 ? ' (first particle)' : '';
    parts.push(`${run.evaluationsAt(step, 0)} evaluations${whose}`);
  }
  if (frame.scene.runs[index]?.schedule) parts.push(`lr ${formatNumber(run.rates.get(step, 0))}`);
  return parts;
}

export function RunCard({
  run,
  index,
  canRemove,
  canAdd,
}: {
  run: SceneRun;
  index: number;
  canRemove: boolean;
  /** False at the run cap: a copy would be one run too many. */
  canAdd: boolean;
}) {
  countRender('RunCard');
  const actions = useActions();
  const definition = findOptimizer(run.optimizer);
  const status = useRef<HTMLParagraphElement>(null);
  const onTick = useCallback(
    (frame: FrameState) => setText(status.current, runStatus(frame, index)),
    [index],
  );
  useTick(onTick);
  if (!definition) return null;
  const headingId = `run-${run.id}-heading`;
  return (
    <section className="run-card" aria-labelledby={headingId} data-run-id={run.id}>
      <header>
        <RunMarker index={index} />
        <h3 id={headingId} title={definition.description}>
          {run.label}
        </h3>
        <label className="run-visible" title="Show this run on the plot">
          <input
            type="checkbox"
            checked={run.visible}
            onChange={(event) => actions.setRunVisible(run.id, event.currentTarget.checked)}
          />
          <span className="visually-hidden">Show {run.label}</span>
        </label>
        <button
          type="button"
          className="small-button"
          onClick={() => openOptimizerCard(run.id)}
          aria-label={`About ${run.label}`}
          title="Update rule, PyTorch line and code"
        >
          ?
        </button>
        <button
          type="button"
          className="small-button"
          onClick={() => actions.duplicateRun(run.id)}
          disabled={!canAdd}
          aria-label={`Duplicate ${run.label}`}
          title="Duplicate"
        >
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <rect x="1.5" y="4.5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" />
            <path
              d="M4.5 4.5V2.9c0-.8.6-1.4 1.4-1.4h5.2c.8 0 1.4.6 1.4 1.4v5.2c0 .8-.6 1.4-1.4 1.4H9.5"
              fill="none"
              stroke="currentColor"
            />
          </svg>
        </button>
        <button
          type="button"
          className="small-button"
          onClick={() => actions.removeRun(run.id)}
          disabled={!canRemove}
          aria-label={`Remove ${run.label}`}
          title="Remove"
        >
          ✕
        </button>
      </header>
      <p className="run-status" ref={status} data-testid="run-status" />
      <div className="params">
        {definition.params
          .filter((spec) => spec.name !== 'maximize')
          .map((spec) => (
            <ParamField
              key={`${run.id}-${spec.name}`}
              definition={definition}
              spec={spec}
              params={run.params}
              onChange={(value) => actions.setRunParam(run.id, spec.name, value)}
            />
          ))}
      </div>
      <SchedulePicker run={run} definition={definition} />
    </section>
  );
}
