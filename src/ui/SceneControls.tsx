import { useId } from 'react';
import type { ContourScale } from '../core/scene/scene.ts';
import { useActions, useApp } from './appContext.ts';
import { SurfaceOnly } from './network/NetworkEntry.tsx';
import { StepBudgetField } from './StepBudgetField.tsx';
import { View3dSwitch } from './three/View3dSwitch.tsx';

/** Display switches in the top bar: layout, contour scale, reset view. */
export function DisplayControls() {
  const actions = useActions();
  const layout = useApp((s) => s.scene.layout);
  const contours = useApp((s) => s.scene.contours);
  const hasCustomView = useApp((s) => s.scene.view !== null);
  const inspect = useApp((s) => s.inspect);
  const scaleId = useId();
  return (
    <div className="display-controls">
      <View3dSwitch />
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={layout === 'side-by-side'}
          onChange={(event) =>
            actions.setLayout(event.currentTarget.checked ? 'side-by-side' : 'overlay')
          }
        />
        Side by side
      </label>
      <label
        className="switch"
        title="The Hessian, its eigenvectors and the kind of point, at the pointer or the start"
      >
        {/* The visible word is short so the top bar keeps one line at 1280 px; the name says it all. */}
        <input
          type="checkbox"
          role="switch"
          aria-label="Inspect curvature"
          checked={inspect}
          onChange={(event) => actions.setInspect(event.currentTarget.checked)}
        />
        Curvature
      </label>
      <label htmlFor={scaleId} className="visually-hidden">
        Contour spacing
      </label>
      <select
        id={scaleId}
        value={contours}
        onChange={(event) => actions.setContourScale(event.currentTarget.value as ContourScale)}
      >
        <option value="auto">Contours: auto</option>
        <option value="log">Contours: log</option>
        <option value="linear">Contours: linear</option>
      </select>
      {/* Shown only once the view was panned or zoomed: the top bar has no room to spare. */}
      {hasCustomView && (
        <button type="button" onClick={() => actions.setView(null)}>
          Reset view
        </button>
      )}
    </div>
  );
}

/** Gradient noise and its seed (stochastic gradient descent, reproducible), and the step budget. */
export function NoiseControls() {
  const actions = useActions();
  const noise = useApp((s) => s.scene.noise);
  const seed = useApp((s) => s.scene.seed);
  return (
    <div className="noise-controls">
      {/* The network view trains on its data's own minibatches: no added noise there. */}
      <SurfaceOnly>
        <label>
          Gradient noise σ
          <input
            type="range"
            min={0}
            max={200}
            value={
              Math.round(Math.sqrt(noise / 10) * 200) /* square-root scale: fine control near 0 */
            }
            aria-valuetext={String(noise)}
            onChange={(event) => {
              const position = Number(event.currentTarget.value) / 200;
              actions.setNoise(Number((10 * position * position).toPrecision(2)));
            }}
          />
          <output>{noise}</output>
        </label>
      </SurfaceOnly>
      <label>
        Seed
        <input
          type="number"
          min={0}
          step={1}
          value={seed}
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            if (Number.isInteger(value) && value >= 0 && value < 2 ** 31) actions.setSeed(value);
          }}
        />
      </label>
      <StepBudgetField />
    </div>
  );
}
