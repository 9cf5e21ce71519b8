import { useId, useState } from 'react';
import type { Point } from '../../core/geometry.ts';
import { LIMITS, type StartSpec } from '../../core/scene/scene.ts';
import { defaultStartOf } from '../../core/scene/resolve.ts';
import { useActions, useApp, useServices } from '../appContext.ts';
import './basins.css';
import { FieldError } from '../common/FieldError.tsx';

type Kind = StartSpec['kind'];

const DEFAULT_COUNT: Record<Exclude<Kind, 'points'>, number> = { random: 100, grid: 10 };
const MAX_COUNT: Record<Exclude<Kind, 'points'>, number> = {
  random: LIMITS.particles,
  grid: LIMITS.gridSide,
};

/**
 * Random initialisation: start every run from one point, from N seeded random points, or from an
 * N × N grid over the surface's view. With many starts the plot colours each start by where it ends.
 */
export function StartControls() {
  const actions = useActions();
  const { controller } = useServices();
  const starts = useApp((s) => s.scene.starts);
  const seed = useApp((s) => s.scene.seed);
  const countId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onePoint = (): Point => defaultStartOf(controller.surface);
  const choose = (kind: Kind) => {
    setDraft(null);
    setError(null);
    if (kind === 'points') actions.setStarts({ kind, points: [onePoint()] });
    else actions.setStarts({ kind, count: DEFAULT_COUNT[kind] });
    actions.play();
  };

  const kind = starts.kind;
  return (
    <fieldset className="start-controls">
      <legend>Start points</legend>
      {(
        [
          ['points', 'One point'],
          ['random', 'Random'],
          ['grid', 'Grid'],
        ] as const
      ).map(([value, label]) => (
        <label key={value}>
          <input
            type="radio"
            name="start-kind"
            value={value}
            checked={kind === value}
            onChange={() => choose(value)}
          />
          {label}
        </label>
      ))}
      {starts.kind !== 'points' && (
        <>
          <label htmlFor={countId}>
            {starts.kind === 'random' ? 'How many' : 'Points per side'}
          </label>
          <input
            id={countId}
            type="number"
            min={1}
            max={MAX_COUNT[starts.kind]}
            step={1}
            value={draft ?? String(starts.count)}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setDraft(text);
              const count = Number(text);
              const max = MAX_COUNT[starts.kind as Exclude<Kind, 'points'>];
              if (text.trim() === '' || !Number.isInteger(count) || count < 1 || count > max) {
                setError(`Enter a whole number from 1 to ${max}`);
                return;
              }
              setError(null);
              actions.setStarts({ kind: starts.kind as Exclude<Kind, 'points'>, count });
              actions.play();
            }}
            onBlur={() => {
              if (error === null) setDraft(null);
            }}
          />
          {starts.kind === 'grid' && <span>= {starts.count ** 2} starts</span>}
          {starts.kind === 'random' && (
            <button
              type="button"
              onClick={() => actions.setSeed(seed + 1)}
              title="Draw new random points (seed + 1; also changes gradient noise and kicks)"
            >
              New draw
            </button>
          )}
          <FieldError id={errorId} message={error} />
        </>
      )}
    </fieldset>
  );
}
