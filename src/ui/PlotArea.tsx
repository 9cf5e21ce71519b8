import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { Rect } from '../render/labelPlacement.ts';
import { webgl2Problem } from '../render/webglSupport.ts';
import { useApp, useServices } from './appContext.ts';
import { useRunNames } from './useRunNames.ts';
import { PlotPanel } from './PlotPanel.tsx';
import { RunLegend } from './RunLegend.tsx';
import { countRender } from './renderCount.ts';
import { useElementSize } from './useElementSize.ts';

const GAP = 8;

/** The 3D view, with its WebGL renderer, downloads the first time 3D is opened. */
const Plot3dPanel = lazy(() => import('./three/Plot3dPanel.tsx'));

/**
 * Below this plot area (px²: a 320×240 embed's plot is about 316×190) the full legend would cover
 * the race, so it starts folded to its markers; a phone's plot (≈374×350) keeps the names.
 */
const COMPACT_LEGEND_AREA = 80_000;

/** Columns for n panels in a box, choosing the layout that gives the largest square-ish panels. */
function gridColumns(n: number, width: number, height: number): number {
  let best = 1;
  let bestSide = 0;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const side = Math.min((width - GAP * (cols - 1)) / cols, (height - GAP * (rows - 1)) / rows);
    if (side > bestSide) {
      best = cols;
      bestSide = side;
    }
  }
  return best;
}

/** Overlay: one plot with every visible run. Side by side: one panel per run, on one clock. */
export function PlotArea() {
  countRender('PlotArea');
  const { controller } = useServices();
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const layout = useApp((s) => s.scene.layout);
  const surfaceRef = useApp((s) => s.scene.surface);
  const runs = useRunNames();
  // The controller resolves the surface on the same store update that changes `surfaceRef`.
  const surface = surfaceRef && controller.surface;
  // The legend's box, so the plot's fate labels stay out from under it (changes only on resize).
  const [legendBox, setLegendBox] = useState<Rect | null>(null);
  // The observer reports on every resize of the area too: a box that did not move is no change.
  const onLegendBox = useCallback(
    (box: Rect | null) =>
      setLegendBox((old) => (old && box && old.every((value, i) => value === box[i]) ? old : box)),
    [],
  );
  const in3d = useApp((s) => s.scene.view3d !== undefined);
  // A 3D link opened where WebGL 2 is missing shows the 2D plot and says why.
  const problem3d = in3d ? webgl2Problem() : null;
  const Panel = in3d && !problem3d ? Plot3dPanel : PlotPanel;

  let panels: React.ReactNode = null;
  if (width > 0 && height > 0) {
    if (layout === 'overlay') {
      panels = (
        <Panel
          surface={surface}
          width={width}
          height={height}
          runId={null}
          labelObstacles={legendBox}
        />
      );
    } else {
      const cols = gridColumns(runs.length, width, height);
      const rows = Math.ceil(runs.length / cols);
      const panelWidth = Math.floor((width - GAP * (cols - 1)) / cols);
      const panelHeight = Math.floor((height - GAP * (rows - 1)) / rows);
      panels = (
        <div
          className="panel-grid"
          style={{ gridTemplateColumns: `repeat(${cols}, ${panelWidth}px)`, gap: GAP }}
        >
          {runs.map(({ id, label }) => (
            <Panel
              key={id}
              surface={surface}
              width={panelWidth}
              height={panelHeight}
              runId={id}
              title={label}
            />
          ))}
        </div>
      );
    }
  }
  return (
    <div className="plot-area" ref={box}>
      <Suspense fallback={<p className="plot3d-loading">Loading the 3D view…</p>}>
        {panels}
      </Suspense>
      {layout === 'overlay' && panels && (
        <RunLegend onBox={onLegendBox} compact={width * height < COMPACT_LEGEND_AREA} />
      )}
      {problem3d && (
        <p className="view3d-problem" role="status">
          {problem3d}
        </p>
      )}
    </div>
  );
}
