import { useId, useState } from 'react';
import { validateParams } from '../core/optimizers/params.ts';
import { BooleanParam } from './common/BooleanParam.tsx';
import { FieldError } from './common/FieldError.tsx';
import type {
  OptimizerDefinition,
  ParamSpec,
  ParamValue,
  Params,
} from '../core/optimizers/types.ts';

interface ParamFieldProps {
  definition: OptimizerDefinition;
  spec: ParamSpec;
  params: Params;
  onChange(value: ParamValue): void;
}

/** Parses what a person typed; "1e-3", " 0.5 " and "2." are numbers, "" and "abc" are not. */
function parseNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** How a choice reads in its menu: torch's None for null. */
function choiceText(choice: ParamValue): string {
  return choice === null ? 'None' : String(choice);
}

/** The message for `value`, or null when it is valid together with the other hyperparameters. */
function problem(definition: OptimizerDefinition, params: Params, name: string, value: ParamValue) {
  const errors = validateParams(definition, { ...params, [name]: value }, '');
  const mine = errors.find((error) => error.startsWith(`.${name}:`));
  return mine ? mine.slice(name.length + 3) : null;
}

/** Slider range: the spec's suggestion, widened to hold the current value. */
function sliderRange(spec: ParamSpec, value: number): [number, number] {
  const [lo, hi] = spec.range ?? [spec.min ?? 0, spec.max ?? 1];
  return [Math.min(lo, value), Math.max(hi, value)];
}

/**
 * One hyperparameter with its torch name. Numbers are text fields (so "1e-3" can be typed) with an
 * inline message for invalid values; the learning rate also gets a log slider. Only valid values
 * reach the scene.
 */
export function ParamField({ definition, spec, params, onChange }: ParamFieldProps) {
  const id = useId();
  const value = params[spec.name];
  const [draft, setDraft] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const commit = (next: ParamValue, texts: string[]) => {
    setDraft(texts);
    const message = problem(definition, params, spec.name, next);
    setError(message);
    if (message === null) onChange(next);
  };

  if (spec.kind === 'boolean') {
    return (
      <BooleanParam
        name={spec.name}
        help={spec.help}
        checked={value === true}
        error={error}
        onToggle={(checked) => commit(checked, [])}
      />
    );
  }

  if (spec.kind === 'choice') {
    return (
      <div className="param" title={spec.help}>
        <label htmlFor={id}>
          <code>{spec.name}</code>
        </label>
        <select
          id={id}
          value={choiceText(value)}
          onChange={(event) => {
            const text = event.currentTarget.value;
            commit((spec.choices ?? []).find((choice) => choiceText(choice) === text) ?? null, []);
          }}
        >
          {(spec.choices ?? []).map((choice) => (
            <option key={choiceText(choice)} value={choiceText(choice)}>
              {choiceText(choice)}
            </option>
          ))}
        </select>
      </div>
    );
  }

  // A nullable number shows torch's None as an empty field; clearing the field means None.
  const values =
    spec.kind === 'pair' ? (value as readonly [number, number]) : [value as number | null];
  const texts = draft ?? values.map((v) => (v === null ? '' : String(v)));
  const errorId = `${id}-error`;
  return (
    <div className="param" title={spec.help}>
      <label htmlFor={`${id}-0`}>
        <code>{spec.name}</code>
      </label>
      {spec.name === 'lr' && typeof values[0] === 'number' && (
        <LogSlider
          value={values[0]}
          range={sliderRange(spec, values[0])}
          onChange={(next) => commit(next, [String(next)])}
        />
      )}
      {texts.map((text, i) => (
        <input
          key={i}
          id={`${id}-${i}`}
          className="param-input"
          type="text"
          inputMode="decimal"
          spellCheck={false}
          value={text}
          placeholder={spec.nullable ? 'None' : undefined}
          aria-label={spec.kind === 'pair' ? `${spec.name}[${i}]` : spec.name}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            const nextTexts = texts.slice();
            nextTexts[i] = event.currentTarget.value;
            const numbers = nextTexts.map(parseNumber);
            if (spec.nullable && nextTexts[0].trim() === '') commit(null, nextTexts);
            else commit(spec.kind === 'pair' ? [numbers[0], numbers[1]] : numbers[0], nextTexts);
          }}
          onBlur={() => {
            if (error === null) setDraft(null);
          }}
        />
      ))}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

const SLIDER_STEPS = 1000;

/** A slider over [lo, hi] on a log scale (lo > 0 assumed; 0 maps to the left end). */
function LogSlider({
  value,
  range,
  onChange,
}: {
  value: number;
  range: [number, number];
  onChange(value: number): void;
}) {
  const lo = Math.log10(Math.max(range[0], 1e-12));
  const hi = Math.log10(range[1]);
  const position = value > 0 ? ((Math.log10(value) - lo) / (hi - lo)) * SLIDER_STEPS : 0;
  return (
    <input
      type="range"
      className="lr-slider"
      min={0}
      max={SLIDER_STEPS}
      value={Math.round(position)}
      aria-label="Learning rate"
      aria-valuetext={String(value)}
      onChange={(event) => {
        const exponent = lo + (Number(event.currentTarget.value) / SLIDER_STEPS) * (hi - lo);
        onChange(Number((10 ** exponent).toPrecision(3)));
      }}
    />
  );
}
