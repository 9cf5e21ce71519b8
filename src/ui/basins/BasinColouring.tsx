import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BASIN_OTHER } from '../../core/sim/particleState.ts';
import { basinColor, BasinLayer, type BasinSummary } from '../../render/basinLayer.ts';
import { useApp, useServices } from '../appContext.ts';
import { useRunNames } from '../useRunNames.ts';
import { formatNumber } from '../format.ts';
import { setText } from '../useTick.ts';
import type { SceneRun } from '../../core/scene/scene.ts';
import type { BasinOverlayProps } from './BasinOverlay.tsx';
import './basins.css';
import { countRender } from '../renderCount.ts';

const OTHER_LABELS: Record<keyof typeof BASIN_OTHER, string> = {
  stopped: 'stopped elsewhere',
  moving: 'still moving',
  left: 'left the plot',
  diverged: 'diverged',
};

/** Two significant digits: enough to tell minima apart in a legend. */
const isVisible = (run: SceneRun) => run.visible;

function short(value: number): string {
  return formatNumber(Number(value.toPrecision(2)));
}

/** Legend rows: one per known minimum (always shown), then the other outcomes (shown when > 0). */
function categoryLabels(
  surface: BasinOverlayProps['surface'],
): { label: string; always: boolean }[] {
  const minima = surface.minima.map(({ point, global }) => ({
    label: `${global ? 'global' : 'local'} min (${short(point[0])}, ${short(point[1])})`,
    always: true,
  }));
  const others = (Object.keys(BASIN_OTHER) as (keyof typeof BASIN_OTHER)[])
    .sort((a, b) => BASIN_OTHER[a] - BASIN_OTHER[b])
    .map((key) => ({ label: OTHER_LABELS[key], always: false }));
  return [...minima, ...others];
}

/**
 * A canvas colouring each start by where its particle is now, and a legend with live counts (shown
 * by BasinOverlay while the scene has random or grid starts). Counts are written through refs when
 * the step changes; React renders only when the surface, the runs or the chosen run change.
 */
export default function BasinColouring({ surface, viewport, runId }: BasinOverlayProps) {
  countRender('BasinColouring');
  const { controller } = useServices();
  const runLabels = useApp(useShallow((s) => s.scene.runs.map((run) => run.label)));
  const visibleRuns = useRunNames(isVisible);
  const [chosen, setChosen] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<BasinLayer | null>(null);
  const counts = useRef<(HTMLElement | null)[]>([]);
  const rows = useRef<(HTMLElement | null)[]>([]);
  const title = useRef<HTMLSpanElement>(null);
  const labels = categoryLabels(surface);
  // What the legend writer needs from the latest render, read when a summary arrives.
  const latest = useRef({ runLabels, labels });
  useEffect(() => {
    latest.current = { runLabels, labels };
  });

  useEffect(() => {
    const basins = new BasinLayer(canvas.current!, runId, () => controller.invalidate());
    basins.onSummary((summary: BasinSummary) => {
      const { runLabels: names, labels: categories } = latest.current;
      setText(title.current, names[summary.runIndex] ?? 'no visible run');
      summary.counts.forEach((count, i) => {
        setText(counts.current[i], String(count));
        const row = rows.current[i];
        const hidden = count === 0 && !categories[i]?.always;
        if (row && row.hidden !== hidden) row.hidden = hidden;
      });
    });
    layer.current = basins;
    const remove = controller.addDrawable(basins);
    return () => {
      remove();
      basins.dispose();
      layer.current = null;
    };
  }, [controller, runId]);

  useEffect(() => {
    layer.current?.setViewport(viewport, window.devicePixelRatio || 1);
    if (runId === null) layer.current?.setRun(chosen);
    controller.invalidate(true);
  }, [controller, viewport, runId, chosen, surface, runLabels]);

  return (
    <>
      <canvas ref={canvas} className="layer" aria-hidden="true" data-testid="basin-canvas" />
      <section className="basin-legend" aria-label="Where each start ended">
        <p className="basin-legend-title">
          Each start, by where <span ref={title} /> is now
        </p>
        {runId === null && visibleRuns.length > 1 && (
          <select
            aria-label="Colour starts by run"
            value={chosen ?? ''}
            onChange={(event) => setChosen(event.currentTarget.value || null)}
          >
            <option value="">first visible run</option>
            {visibleRuns.map(({ id, label }) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        )}
        <ul>
          {labels.map(({ label, always }, i) => (
            <li
              key={label}
              hidden={!always}
              ref={(element) => {
                rows.current[i] = element;
              }}
            >
              <span
                className="basin-swatch"
                style={{ background: basinColor(i, surface.minima.length) }}
                aria-hidden="true"
              />
              {label}:{' '}
              <span
                className="basin-count"
                ref={(element) => {
                  counts.current[i] = element;
                }}
              >
                0
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
