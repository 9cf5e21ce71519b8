import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { OptimizerDefinition } from '../core/optimizers/types.ts';
import type { SceneRun } from '../core/scene/scene.ts';
import {
  PICKABLE_SCHEDULES,
  SCHEDULE_PRESETS,
  startingSchedule,
} from '../core/schedules/presets.ts';
import { findSchedule } from '../core/schedules/registry.ts';
import { ScheduledParams } from '../core/schedules/scheduledParams.ts';
import type { ScheduleConfig, ScheduleParamSpec } from '../core/schedules/types.ts';
import { resolveSchedule, scheduleMembers } from '../core/schedules/validate.ts';
import type { FrameState } from '../playback/simulationController.ts';
import { useActions, useApp } from './appContext.ts';
import { BooleanParam } from './common/BooleanParam.tsx';
import { FieldError } from './common/FieldError.tsx';
import { formatNumber } from './format.ts';
import { countRender } from './renderCount.ts';
import { useTick } from './useTick.ts';

const PRESET_PREFIX = 'recipe:';
const SPARK_WIDTH = 200;
const SPARK_HEIGHT = 28;

/**
 * The run's learning-rate schedule: none, a recipe or a torch scheduler, its arguments, and a
 * sparkline of lr over the run with the step on screen marked.
 */
export function SchedulePicker({
  run,
  definition,
}: {
  run: SceneRun;
  definition: OptimizerDefinition;
}) {
  countRender('SchedulePicker');
  const id = useId();
  const actions = useActions();
  const steps = useApp((state) => state.scene.steps);
  const [error, setError] = useState<string | null>(null);
  const schedule = run.schedule;

  const choose = (value: string) => {
    if (value === 'none') {
      setError(null);
      actions.setRunSchedule(run.id, undefined);
      return;
    }
    const context = { optimizer: definition, lr: run.params.lr as number, steps };
    const recipe = SCHEDULE_PRESETS.find((preset) => PRESET_PREFIX + preset.id === value);
    const resolved = recipe ? recipe.build(context) : startingSchedule(value, context);
    setError(resolved.ok ? null : resolved.errors[0]);
    if (resolved.ok) actions.setRunSchedule(run.id, resolved.schedule);
  };

  const names =
    schedule && !PICKABLE_SCHEDULES.includes(schedule.name)
      ? [...PICKABLE_SCHEDULES, schedule.name]
      : PICKABLE_SCHEDULES;
  return (
    <div className="schedule" data-testid="schedule">
      <div className="param">
        <label htmlFor={id}>Schedule</label>
        <select
          id={id}
          value={schedule?.name ?? 'none'}
          onChange={(e) => choose(e.currentTarget.value)}
        >
          <option value="none">None (constant lr)</option>
          <optgroup label="Recipes">
            {SCHEDULE_PRESETS.map((preset) => (
              <option key={preset.id} value={PRESET_PREFIX + preset.id}>
                {preset.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="torch.optim.lr_scheduler">
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        </select>
        <FieldError message={error} />
      </div>
      {schedule && (
        <>
          <ScheduleArguments run={run} schedule={schedule} definition={definition} />
          <LrSparkline run={run} schedule={schedule} steps={steps} />
        </>
      )}
    </div>
  );
}

/** A list of integers as typed: "30, 70" or "30 70". */
function parseIntegers(text: string): unknown {
  const parts = text.split(/[\s,~]+/).filter((part) => part !== '');
  return parts.map((part) => Number(part));
}

function argumentText(value: unknown): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The schedule's own arguments as fields; members of SequentialLR or ChainedScheduler as text. */
function ScheduleArguments({
  run,
  schedule,
  definition,
}: {
  run: SceneRun;
  schedule: ScheduleConfig;
  definition: OptimizerDefinition;
}) {
  const actions = useActions();
  const members = scheduleMembers(schedule);
  const specs = (findSchedule(schedule.name)?.params ?? []).filter(
    (spec) => spec.kind !== 'schedules',
  );
  const change = (name: string, value: unknown): string | null => {
    const resolved = resolveSchedule(
      { name: schedule.name, params: { ...schedule.params, [name]: value } },
      definition,
    );
    if (!resolved.ok) return resolved.errors[0].replace(/^schedule\.params\./, '');
    actions.setRunSchedule(run.id, resolved.schedule);
    return null;
  };
  return (
    <div className="params schedule-arguments">
      {members.length > 0 && (
        <p className="schedule-members">{members.map((member) => member.name).join(' → ')}</p>
      )}
      {specs.map((spec) => (
        <ScheduleArgument
          key={`${run.id}-${schedule.name}-${spec.name}`}
          spec={spec}
          value={schedule.params[spec.name]}
          onChange={(value) => change(spec.name, value)}
        />
      ))}
    </div>
  );
}

/** One argument: a checkbox, a menu, or a text field (empty = None where torch allows it). */
function ScheduleArgument({
  spec,
  value,
  onChange,
}: {
  spec: ScheduleParamSpec;
  value: unknown;
  /** The problem with the new value, or null once it is applied. */
  onChange(value: unknown): string | null;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = (
    <label htmlFor={id}>
      <code>{spec.name}</code>
    </label>
  );
  if (spec.kind === 'boolean') {
    return (
      <BooleanParam
        name={spec.name}
        help={spec.help}
        checked={value === true}
        error={error}
        onToggle={(checked) => setError(onChange(checked))}
      />
    );
  }
  const field =
    spec.kind === 'choice' ? (
      <select
        id={id}
        value={String(value)}
        onChange={(event) => setError(onChange(event.currentTarget.value))}
      >
        {(spec.choices ?? []).map((choice) => (
          <option key={String(choice)} value={String(choice)}>
            {String(choice)}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        className="param-input"
        type="text"
        inputMode={spec.kind === 'integers' ? 'text' : 'decimal'}
        spellCheck={false}
        placeholder={spec.nullable ? 'None' : undefined}
        value={draft ?? argumentText(value)}
        aria-invalid={error !== null}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          let next: unknown;
          if (spec.kind === 'integers') next = parseIntegers(text);
          else if (text.trim() === '') next = spec.nullable ? null : NaN;
          else next = Number(text);
          setError(onChange(next));
        }}
        onBlur={() => {
          if (error === null) setDraft(null);
        }}
      />
    );
  return (
    <div className="param" title={spec.help}>
      {label}
      {field}
      <FieldError message={error} />
    </div>
  );
}

/** lr at every step of the run as torch's scheduler would set it (losses do not enter). */
function lrSeries(run: SceneRun, schedule: ScheduleConfig, steps: number) {
  const scheduled = new ScheduledParams(run.params, schedule);
  const rates: number[] = [];
  let endedAt: number | null = null;
  for (let k = 0; k <= steps; k++) {
    rates.push(scheduled.lr);
    scheduled.advance(0);
    if (endedAt === null && scheduled.ended !== null) endedAt = k + 1;
  }
  return { rates, endedAt };
}

/**
 * The lr over the run, with a marker at the step on screen (moved through a ref each frame).
 * ReduceLROnPlateau depends on the losses, so it is described instead.
 */
function LrSparkline({
  run,
  schedule,
  steps,
}: {
  run: SceneRun;
  schedule: ScheduleConfig;
  steps: number;
}) {
  const marker = useRef<SVGLineElement>(null);
  const followsLoss = schedule.name === 'ReduceLROnPlateau';
  const series = useMemo(
    () => (followsLoss ? null : lrSeries(run, schedule, steps)),
    [followsLoss, run, schedule, steps],
  );
  const onTick = useCallback(
    (frame: FrameState) => {
      const x = String((Math.min(frame.step, steps) / Math.max(1, steps)) * SPARK_WIDTH);
      if (marker.current && marker.current.getAttribute('x1') !== x) {
        marker.current.setAttribute('x1', x);
        marker.current.setAttribute('x2', x);
      }
    },
    [steps],
  );
  useTick(onTick);
  if (!series) {
    return <p className="schedule-note">lr follows the loss: it is cut after every plateau.</p>;
  }
  const { rates, endedAt } = series;
  const top = Math.max(...rates.filter(Number.isFinite), 1e-300);
  const stride = Math.max(1, Math.floor(rates.length / SPARK_WIDTH));
  const points: string[] = [];
  for (let k = 0; k < rates.length; k += stride) {
    const x = (k / Math.max(1, steps)) * SPARK_WIDTH;
    const y = SPARK_HEIGHT - 2 - (rates[k] / top) * (SPARK_HEIGHT - 4);
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return (
    <figure className="lr-sparkline">
      <svg
        viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`lr from ${formatNumber(rates[0])} to ${formatNumber(rates[rates.length - 1])}, at most ${formatNumber(top)}`}
      >
        <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" />
        <line ref={marker} x1="0" x2="0" y1="0" y2={SPARK_HEIGHT} className="lr-sparkline-step" />
      </svg>
      <figcaption>
        lr · peak {formatNumber(top)}
        {endedAt !== null && ` · torch would stop at step ${endedAt}; lr held after`}
      </figcaption>
    </figure>
  );
}
