import { useCallback, useId, useRef, useState } from 'react';
import { LIMITS } from '../core/scene/scene.ts';
import { HISTORY_BUDGET_BYTES } from '../core/sim/simulation.ts';
import type { FrameState } from '../playback/simulationController.ts';
import { useActions, useApp } from './appContext.ts';
import { setText, useTick } from './useTick.ts';
import { FieldError } from './common/FieldError.tsx';

/** Exactly a whole number written with digits (and optional thousands separators). */
function parseSteps(text: string): number | null {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= LIMITS.steps ? value : null;
}

const MEGABYTE = 1024 * 1024;

/**
 * The step budget, settable here and not only in the address, with what the app did to it: when
 * the runs' history would not fit in memory, the budget is lowered and this says so and why.
 */
export function StepBudgetField() {
  const actions = useActions();
  const steps = useApp((s) => s.scene.steps);
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const note = useRef<HTMLParagraphElement>(null);
  const onTick = useCallback((frame: FrameState) => {
    const { stepBudget } = frame.simulation;
    const asked = frame.scene.steps;
    setText(
      note.current,
      stepBudget < asked
        ? `Lowered to ${stepBudget.toLocaleString('en')} steps: ${asked.toLocaleString('en')} steps of every particle's history would not fit in the ${HISTORY_BUDGET_BYTES / MEGABYTE} MB the page keeps for it.`
        : '',
    );
  }, []);
  useTick(onTick);
  const text = draft ?? String(steps);
  const invalid = draft !== null && parseSteps(draft) === null;
  return (
    <div className="step-budget">
      <label htmlFor={id}>Steps</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        aria-invalid={invalid}
        aria-describedby={`${id}-note`}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const parsed = parseSteps(value);
          setDraft(value);
          if (parsed !== null) actions.setSteps(parsed);
        }}
        onBlur={() => setDraft(null)}
      />
      <FieldError
        message={
          invalid
            ? `steps: a whole number from 1 to ${LIMITS.steps.toLocaleString('en')}; kept ${steps.toLocaleString('en')}`
            : null
        }
      />
      <p className="step-budget-note" id={`${id}-note`} ref={note} aria-live="polite" />
    </div>
  );
}
