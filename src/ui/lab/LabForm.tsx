import { useId, useState } from 'react';
import { PRESETS } from '../../core/optimizers/presets.ts';
import {
  checkLab,
  LAB_LIMITS,
  labWork,
  presetLr,
  type LabKind,
  type LabSpec,
} from '../../core/lab/spec.ts';
import { formatCount } from './format.ts';

type NumberField = 'lrMin' | 'lrMax' | 'lrCount' | 'axisCount' | 'starts' | 'steps' | 'tol';

interface Draft {
  kind: LabKind;
  optimizers: string[];
  numbers: Record<NumberField, string>;
  budget: LabSpec['budget'];
  /** Basins: lr per preset id, as typed. */
  lrs: Record<string, string>;
}

function draftOf(spec: LabSpec): Draft {
  const numbers = {} as Record<NumberField, string>;
  for (const name of ['lrMin', 'lrMax', 'lrCount', 'axisCount', 'starts', 'steps', 'tol'] as const)
    numbers[name] = String(spec[name]);
  return {
    kind: spec.kind,
    optimizers: spec.optimizers,
    numbers,
    budget: spec.budget,
    lrs: Object.fromEntries(spec.optimizers.map((id, i) => [id, String(spec.lrs[i])])),
  };
}

/** The draft as a spec, or the reasons it is not one (each names its field). */
function specOf(draft: Draft): { spec: LabSpec; problems: string[] } {
  const input: Record<string, unknown> = {
    kind: draft.kind,
    optimizers: draft.optimizers,
    budget: draft.budget,
    lrs: draft.optimizers.map((id) => Number(draft.lrs[id] ?? presetLr(id))),
  };
  for (const [name, text] of Object.entries(draft.numbers))
    input[name] = text.trim() === '' ? text : Number(text);
  const problems: string[] = [];
  if (draft.optimizers.length === 0) problems.push('Pick at least one optimizer.');
  const spec = checkLab(input, problems)!;
  const work = labWork(spec);
  if (problems.length === 0 && work > LAB_LIMITS.work)
    problems.push(
      `That is ${formatCount(work)} particle-steps, more than the ${formatCount(LAB_LIMITS.work)} the lab runs at once: fewer starts, steps or values.`,
    );
  return { spec, problems };
}

const KINDS: { kind: LabKind; label: string }[] = [
  { kind: 'sweep', label: 'Learning-rate sweep' },
  { kind: 'heatmap', label: 'lr × momentum/β₁ heatmap' },
  { kind: 'basins', label: 'Basin map' },
];

function Field({
  label,
  value,
  onChange,
  hint,
}: {
  label: string;
  value: string;
  onChange(text: string): void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        value={value}
        title={hint}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </div>
  );
}

/**
 * What to run. Everything is checked by the same validator the URL goes through, so a typed value
 * and a linked one get the same rules and messages.
 */
export function LabForm({
  initial,
  running,
  workers,
  bestLrs,
  onRun,
  onCancel,
}: {
  initial: LabSpec;
  running: boolean;
  workers: number;
  /** The best lr per preset from the last sweep, to carry into a basin map. */
  bestLrs: Record<string, number> | null;
  onRun(spec: LabSpec): void;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [shown, setShown] = useState<string[]>([]);
  const { spec, problems } = specOf(draft);
  const setNumber = (name: NumberField) => (text: string) =>
    setDraft({ ...draft, numbers: { ...draft.numbers, [name]: text } });
  const toggle = (id: string, on: boolean) =>
    setDraft({
      ...draft,
      optimizers: on
        ? PRESETS.map((p) => p.id).filter((p) => p === id || draft.optimizers.includes(p))
        : draft.optimizers.filter((p) => p !== id),
      lrs: { [id]: draft.lrs[id] ?? String(presetLr(id)), ...draft.lrs },
    });
  const full = draft.optimizers.length >= LAB_LIMITS.optimizers;
  const basins = draft.kind === 'basins';

  return (
    <form
      className="lab-form"
      onSubmit={(event) => {
        event.preventDefault();
        setShown(problems);
        if (problems.length === 0) onRun(spec);
      }}
    >
      <fieldset className="lab-kinds">
        <legend>Experiment</legend>
        {KINDS.map(({ kind, label }) => (
          <label key={kind}>
            <input
              type="radio"
              name="lab-kind"
              checked={draft.kind === kind}
              onChange={() => setDraft({ ...draft, kind })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="lab-optimizers">
        <legend>Optimizers (up to {LAB_LIMITS.optimizers})</legend>
        {PRESETS.map((preset) => {
          const on = draft.optimizers.includes(preset.id);
          return (
            <label key={preset.id}>
              <input
                type="checkbox"
                checked={on}
                disabled={!on && full}
                onChange={(event) => toggle(preset.id, event.currentTarget.checked)}
              />
              {preset.label}
            </label>
          );
        })}
      </fieldset>
      <div className="lab-fields">
        {!basins && (
          <>
            <Field label="lr from" value={draft.numbers.lrMin} onChange={setNumber('lrMin')} />
            <Field label="lr to" value={draft.numbers.lrMax} onChange={setNumber('lrMax')} />
            <Field
              label="lr values"
              value={draft.numbers.lrCount}
              onChange={setNumber('lrCount')}
            />
          </>
        )}
        {draft.kind === 'heatmap' && (
          <Field
            label="momentum/β₁ values"
            value={draft.numbers.axisCount}
            onChange={setNumber('axisCount')}
            hint="Evenly spaced from 0 to 0.99"
          />
        )}
        <Field
          label={basins ? 'Grid side' : 'Random starts'}
          value={draft.numbers.starts}
          onChange={setNumber('starts')}
          hint={basins ? 'The grid has side × side starts' : 'Seeded by the scene’s seed'}
        />
        <div className="lab-field">
          <label htmlFor="lab-budget">Budget in</label>
          <select
            id="lab-budget"
            value={draft.budget}
            onChange={(event) =>
              setDraft({ ...draft, budget: event.currentTarget.value as LabSpec['budget'] })
            }
          >
            <option value="steps">steps</option>
            <option value="gradients">gradient evaluations</option>
          </select>
        </div>
        <Field label="Budget" value={draft.numbers.steps} onChange={setNumber('steps')} />
        {!basins && (
          <Field
            label="Loss tolerance"
            value={draft.numbers.tol}
            onChange={setNumber('tol')}
            hint="Success: final loss within this of the global minimum"
          />
        )}
      </div>
      {basins && (
        <fieldset className="lab-fields">
          <legend>Learning rate of each optimizer</legend>
          {draft.optimizers.map((id) => (
            <Field
              key={id}
              label={`${PRESETS.find((p) => p.id === id)?.label} lr`}
              value={draft.lrs[id] ?? String(presetLr(id))}
              onChange={(text) => setDraft({ ...draft, lrs: { ...draft.lrs, [id]: text } })}
            />
          ))}
          {bestLrs && (
            <button
              type="button"
              onClick={() =>
                setDraft({
                  ...draft,
                  lrs: {
                    ...draft.lrs,
                    ...Object.fromEntries(
                      Object.entries(bestLrs).map(([id, lr]) => [id, String(lr)]),
                    ),
                  },
                })
              }
            >
              Use the best lrs of the last sweep
            </button>
          )}
        </fieldset>
      )}
      <div className="lab-actions">
        <button type="submit" className="lab-run" disabled={running}>
          Run experiment
        </button>
        <button type="button" onClick={onCancel} disabled={!running}>
          Cancel
        </button>
        <span className="lab-muted">
          {formatCount(labWork(spec))} particle-steps on {workers} worker{workers > 1 ? 's' : ''}
        </span>
      </div>
      {shown.length > 0 && (
        <ul className="lab-problems" role="alert">
          {shown.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
