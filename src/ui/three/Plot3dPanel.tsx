/**
 * The plot in 3D: the surface as a lit mesh in the contours' colours, the race lifted onto it. Loaded
 * on demand (PlotArea imports it lazily) with the WebGL renderer and the mesh client, so the first
 * screen never downloads them. A click on the surface starts every run there.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Point } from '../../core/geometry.ts';
import type { ResolvedSurface } from '../../core/scene/resolve.ts';
import { DEFAULT_VIEW3D } from '../../core/scene/scene.ts';
import { meshRequestFor } from '../../core/surface3d/compute.ts';
import { RaceOverlay } from '../../render/surface3d/raceOverlay.ts';
import type { SurfaceViewOptions } from '../../render/surface3d/surfaceRenderer.ts';
import { PRESENTATION_DRAW_SCALE } from '../../state/presentation.ts';
import { useActions, useApp, useServices } from '../appContext.ts';
import type { LegendBox } from '../legendBox.ts';
import { usePresentation } from '../presentation/usePresentation.ts';
import { countRender } from '../renderCount.ts';
import { Surface3dView } from './Surface3dView.tsx';

interface Plot3dPanelProps {
  surface: ResolvedSurface;
  width: number;
  height: number;
  /** One run's id for a side-by-side panel; null shows every visible run. */
  runId: string | null;
  title?: string;
  /** The legend's box in the panel, which fate labels keep clear of. */
  legendBox?: LegendBox;
}

/** A world coordinate rounded to a thousandth of the view, like the 2D plot's clicks. */
function rounded(value: number, span: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(span / 1000)));
  return Number(value.toFixed(Math.min(12, decimals)));
}

export default function Plot3dPanel({
  surface,
  width,
  height,
  runId,
  title,
  legendBox,
}: Plot3dPanelProps) {
  countRender('Plot3dPanel');
  const { controller } = useServices();
  const actions = useActions();
  const extent = useApp((s) => s.scene.view) ?? surface.view;
  const contours = useApp((s) => s.scene.contours);
  const heights = useApp((s) => (s.scene.view3d ?? DEFAULT_VIEW3D).heights);
  const drawScale = usePresentation((s) => (s.presenting ? PRESENTATION_DRAW_SCALE : 1));
  const race = useRef<RaceOverlay | null>(null);

  const meshRequest = useMemo(
    () => meshRequestFor(surface.source, extent, contours, heights),
    [surface, extent, contours, heights],
  );
  // The race's options reach the layer whichever runs first, its creation (the view's effect) or
  // this one.
  const latest = useRef({ scale: drawScale, minima: surface.minima });
  const createOverlay = useCallback(
    (canvas: HTMLCanvasElement, view: SurfaceViewOptions) => {
      const { scale, minima } = latest.current;
      const created = new RaceOverlay(canvas, view, { runId, scale });
      created.setMinima(minima);
      const legend = legendBox?.measured();
      created.setLabelObstacles(legend ? [legend] : []);
      return (race.current = created);
    },
    [runId, legendBox],
  );
  useEffect(() => {
    latest.current = { scale: drawScale, minima: surface.minima };
    race.current?.setOptions({ runId, scale: drawScale });
    race.current?.setMinima(surface.minima);
    controller.invalidate();
  }, [controller, runId, drawScale, surface]);
  useEffect(
    () =>
      legendBox?.listen((legend) => {
        race.current?.setLabelObstacles(legend ? [legend] : []);
        controller.invalidate();
      }),
    [controller, legendBox],
  );

  const onPick = (hit: Point) => {
    actions.setStart([
      rounded(hit[0], extent.xMax - extent.xMin),
      rounded(hit[1], extent.yMax - extent.yMin),
    ]);
    actions.play();
  };

  return (
    <Surface3dView
      width={width}
      height={height}
      meshRequest={meshRequest}
      channel={`plot3d-${runId ?? 'all'}`}
      createOverlay={createOverlay}
      label={`${surface.name} in 3D. Drag to orbit, Shift-drag or two fingers to pan, scroll or pinch to zoom, arrow keys orbit; click the surface to start every run there.`}
      onPick={onPick}
    >
      {title && <div className="panel-title">{title}</div>}
    </Surface3dView>
  );
}
