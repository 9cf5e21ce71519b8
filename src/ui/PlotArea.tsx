import { lazy, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FateMark } from '../render/fateMarks.ts';
import type { Rect } from '../render/labelPlacement.ts';
import { clearCorner, type LegendCorner } from '../render/legendCorner.ts';
import { webgl2Problem } from '../render/webglSupport.ts';
import { useApp, useServices } from './appContext.ts';
import { LegendBox } from './legendBox.ts';
import { useRunNames } from './useRunNames.ts';
import { PlotPanel } from './PlotPanel.tsx';
import { RunLegend } from './RunLegend.tsx';
import { countRender } from './renderCount.ts';
import { shellSize } from './shellSizes.ts';
import { useElementSize } from './useElementSize.ts';

const GAP = 8;

/** The 3D view, with its WebGL renderer, downloads the first time 3D is opened. */
const Plot3dPanel = lazy(() => import('./three/Plot3dPanel.tsx'));

/**
 * Below this plot area (px²: a 320×240 embed's plot is about 316×190) the full legend would cover
 * the race, so it starts folded to its markers; a phone's plot (≈374×350) keeps the names.
 */
const COMPACT_LEGEND_AREA = 80_000;

/** A fate mark within this many px of the legend counts as under it (its ×, its arrowhead). */
const FATE_MARK_REACH = 10;
/**
 * What the legend's box grows by in a corner (styles.css), in CSS px: a bottom corner's legend sits
 * above the x axis's labels, 26 px up; a top corner's, 6 px down (the larger one serves both).
 */
const LEGEND_MARGIN = 26;

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
  const { width, height } = useElementSize(box, shellSize('plot'));
  const layout = useApp((s) => s.scene.layout);
  const surfaceRef = useApp((s) => s.scene.surface);
  const runs = useRunNames();
  // The controller resolves the surface on the same store update that changes `surfaceRef`.
  const surface = surfaceRef && controller.surface;
  // The legend's box, so the plot's fate labels stay out from under it (changes on a resize or a
  // new corner).
  const legendBox = useMemo(() => new LegendBox(), []);
  // Its corner: the first one clear of the runs' fate marks (a × or an exit arrow under the legend
  // would hide what happened to a run). Decided when the marks, the legend or the area change, and
  // a state only when the corner does, so a pan that moves the marks re-renders nothing.
  const [legendCorner, setLegendCorner] = useState<LegendCorner>('top-right');
  const placing = useRef({ marks: [] as readonly FateMark[], width, height });
  const placeLegend = useCallback(() => {
    const { marks, width: areaWidth, height: areaHeight } = placing.current;
    const box = legendBox.measured();
    if (!box) return;
    const size = {
      width: box[2] - box[0] + LEGEND_MARGIN,
      height: box[3] - box[1] + LEGEND_MARGIN,
    };
    const plot = { width: areaWidth, height: areaHeight };
    setLegendCorner(clearCorner(marks, plot, size, FATE_MARK_REACH));
  }, [legendBox]);
  useLayoutEffect(() => {
    Object.assign(placing.current, { width, height });
    placeLegend();
  }, [width, height, placeLegend]);
  const onFateMarks = useCallback(
    (marks: readonly FateMark[]) => {
      placing.current.marks = marks;
      placeLegend();
    },
    [placeLegend],
  );
  // The observer reports on every resize of the area too: a box that did not move is no change.
  const onLegendBox = useCallback(
    (box: Rect | null) => {
      legendBox.set(box);
      placeLegend();
    },
    [placeLegend, legendBox],
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
          legendBox={legendBox}
          onFateMarks={onFateMarks}
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
        <RunLegend
          onBox={onLegendBox}
          corner={legendCorner}
          compact={width * height < COMPACT_LEGEND_AREA}
        />
      )}
      {problem3d && (
        <p className="view3d-problem" role="status">
          {problem3d}
        </p>
      )}
    </div>
  );
}
