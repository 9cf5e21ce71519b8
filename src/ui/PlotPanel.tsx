import { sharedContourClient } from '../playback/contourClient.ts';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Point } from '../core/geometry.ts';
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { StartSpec } from '../core/scene/scene.ts';
import { AXIS_LAYOUT, axisTicks } from '../render/axisTicks.ts';
import { ContourLayer } from '../render/contourLayer.ts';
import { hasUndefinedRegion } from '../render/contours/draw.ts';
import type { FateMark } from '../render/fateMarks.ts';
import type { Rect } from '../render/labelPlacement.ts';
import { TrajectoryLayer } from '../render/trajectoryLayer.ts';
import { crowdPainterOnDemand, type DisposableCrowdPainter } from '../playback/crowdOnDemand.ts';
import { UndefinedKey } from './UndefinedKey.tsx';
import { Viewport } from '../render/viewport.ts';
import { PRESENTATION_DRAW_SCALE } from '../state/presentation.ts';
import { useActions, useApp, useServices } from './appContext.ts';
import { BasinOverlay } from './basins/BasinOverlay.tsx';
import { formatNumber } from './format.ts';
import { InspectorOverlay } from './inspector/InspectorOverlay.tsx';
import type { LegendBox } from './legendBox.ts';
import { offsetBox } from './offsetBox.ts';
import { PlotGesture } from './plotGestures.ts';
import { usePresentation } from './presentation/usePresentation.ts';
import { setText } from './useTick.ts';
import { countRender } from './renderCount.ts';

interface PlotPanelProps {
  surface: ResolvedSurface;
  width: number;
  height: number;
  /** One run's id for a side-by-side panel; null shows every visible run. */
  runId: string | null;
  title?: string;
  /** The legend's box over the plot, which labels drawn on it must avoid. */
  legendBox?: LegendBox;
  /** Hears the runs' fate marks (CSS px) whenever they change. */
  onFateMarks?: (marks: readonly FateMark[]) => void;
}

const gradient = new Float64Array(2);
/** Two taps this close (ms) are the double-click that follows them, not two new starts. */
const DOUBLE_CLICK_MS = 800;

/**
 * A minimum's cross. The global one is larger and bold (lesson 1 calls it "the bold cross"): its
 * arms reach past a run's marker that settles on it, so it stays visible under the marker.
 */
function crossPath(global: boolean): string {
  const arm = global ? 8 : 5;
  return `M${-arm},${-arm}L${arm},${arm}M${-arm},${arm}L${arm},${-arm}`;
}

function readoutText(surface: ResolvedSurface, [x, y]: Point): string {
  const f = surface.functions.valueAndGradient(x, y, gradient, 0);
  return `x ${formatNumber(x)}, y ${formatNumber(y)} · f ${formatNumber(f)} · ‖∇f‖ ${formatNumber(Math.hypot(gradient[0], gradient[1]))}`;
}

/**
 * One plot: contour canvas, SVG axes and minima, trail and head canvases, and an interaction layer on
 * top (click sets the start, drag pans, wheel zooms, hover reads out f and ‖∇f‖).
 */
export function PlotPanel({
  surface,
  width,
  height,
  runId,
  title,
  legendBox,
  onFateMarks,
}: PlotPanelProps) {
  countRender('PlotPanel');
  const { controller, store } = useServices();
  const actions = useActions();
  const view = useApp((s) => s.scene.view) ?? surface.view;
  const contourScale = useApp((s) => s.scene.contours);
  const start = useApp((s) => (s.scene.starts.kind === 'points' ? s.scene.starts.points[0] : null));
  const viewport = useMemo(() => new Viewport(view, width, height), [view, width, height]);
  const drawScale = usePresentation((s) => (s.presenting ? PRESENTATION_DRAW_SCALE : 1));

  const contourCanvas = useRef<HTMLCanvasElement>(null);
  const trailCanvas = useRef<HTMLCanvasElement>(null);
  const headCanvas = useRef<HTMLCanvasElement>(null);
  const crowdCanvas = useRef<HTMLCanvasElement>(null);
  const crowdPainter = useRef<DisposableCrowdPainter | null>(null);
  const markerBox = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const crosshairX = useRef<SVGLineElement>(null);
  const crosshairY = useRef<SVGLineElement>(null);
  const contourLayer = useRef<ContourLayer | null>(null);
  const trajectoryLayer = useRef<TrajectoryLayer | null>(null);

  // Layers are created once per mounted canvas and fed new sizes and options as they change.
  // Painted pictures are rare (a new surface or view), so this state never changes per frame.
  const [undefinedShown, setUndefinedShown] = useState(false);
  // Layout effects: a picture painted before the app mounted is taken over before the first frame.
  useLayoutEffect(() => {
    const layer = new ContourLayer(contourCanvas.current!, sharedContourClient(), (bands) =>
      setUndefinedShown(hasUndefinedRegion(bands)),
    );
    contourLayer.current = layer;
    return () => layer.dispose();
  }, []);
  // The crowd canvas can be handed to a Worker once only: its painter lives as long as it does.
  useEffect(() => {
    const painter = crowdPainterOnDemand(crowdCanvas.current!, (reason) =>
      store.getState().addNotice(`Runs with many particles cannot be drawn: ${reason}`),
    );
    crowdPainter.current = painter;
    return () => painter.dispose();
  }, [store]);
  useEffect(() => {
    const layer = new TrajectoryLayer(
      trailCanvas.current!,
      headCanvas.current!,
      { runId, scale: 1 },
      {
        canvas: crowdCanvas.current!,
        painter: crowdPainter.current!,
        redraw: () => controller.invalidate(),
      },
      markerBox.current!,
    );
    trajectoryLayer.current = layer;
    return controller.addDrawable(layer);
  }, [controller, runId]);
  // Labels keep clear of the legend and of a side-by-side panel's title (in a small embed panel,
  // "SGD diverged at step 3" was written under the "SGD" title).
  const titleChip = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const place = (legend: Rect | null) => {
      const obstacles: Rect[] = legend ? [legend] : [];
      if (titleChip.current) obstacles.push(offsetBox(titleChip.current));
      trajectoryLayer.current!.setLabelObstacles(obstacles);
      controller.invalidate();
    };
    if (legendBox) return legendBox.listen(place);
    place(null);
  }, [controller, legendBox, title, drawScale]);
  useEffect(() => {
    trajectoryLayer.current!.onFates(onFateMarks ?? null);
    controller.invalidate();
  }, [controller, onFateMarks]);
  // Presentation mode draws thicker trails and larger markers; the layer need not be rebuilt.
  useEffect(() => {
    trajectoryLayer.current!.setOptions({ runId, scale: drawScale });
    controller.invalidate(true);
  }, [controller, runId, drawScale]);
  useLayoutEffect(() => {
    contourLayer.current!.show(surface, viewport, window.devicePixelRatio || 1, contourScale);
  }, [surface, viewport, contourScale]);
  useEffect(() => {
    trajectoryLayer.current!.setViewport(viewport, window.devicePixelRatio || 1);
    controller.invalidate(true);
  }, [controller, viewport]);

  // The crosshair follows the pointer in every panel at once.
  useEffect(
    () =>
      controller.onHover((point) => {
        const lines: [SVGLineElement | null, string, string][] = [
          [crosshairX.current, 'x1', 'x2'],
          [crosshairY.current, 'y1', 'y2'],
        ];
        for (const [line, a, b] of lines) {
          if (!line) continue;
          line.style.display = point ? '' : 'none';
          if (!point) continue;
          const pixel = a === 'x1' ? viewport.toPixelX(point[0]) : viewport.toPixelY(point[1]);
          line.setAttribute(a, String(pixel));
          line.setAttribute(b, String(pixel));
        }
      }),
    [controller, viewport],
  );

  const gesture = useRef(new PlotGesture());
  /**
   * The starts before each of the last two taps, and when. A double-click only resets the view, so
   * it puts back the starts from before its first tap.
   */
  const taps = useRef<{ startsBefore: StartSpec; at: number }[]>([]);
  // On the panel, not the plot's layer: the first click moves the start marker under the pointer,
  // so the second one lands on the marker.
  const resetView = (event: React.MouseEvent) => {
    const first = taps.current.find((tap) => event.timeStamp - tap.at < DOUBLE_CLICK_MS);
    if (first) actions.setStarts(first.startsBefore);
    taps.current = [];
    actions.setView(null);
  };
  const local = (event: React.PointerEvent): [number, number] => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  const toWorld = (event: React.PointerEvent): Point => viewport.roundedWorld(...local(event));

  const { x: xTicks, y: yTicks } = axisTicks(viewport);
  const startPixel = start ? [viewport.toPixelX(start[0]), viewport.toPixelY(start[1])] : null;
  const moveStart = (dx: number, dy: number) => {
    if (!start) return;
    actions.setStart([viewport.round(start[0] + dx), viewport.round(start[1] + dy)]);
  };

  return (
    <div
      className="plot-panel"
      style={{ width, height }}
      data-testid="plot-panel"
      onDoubleClick={resetView}
    >
      <canvas
        ref={contourCanvas}
        className="layer"
        aria-hidden="true"
        data-testid="contour-canvas"
      />
      <svg className="layer axes" width={width} height={height} aria-hidden="true">
        {xTicks.map((tick) => (
          <g key={`x${tick.value}`} transform={`translate(${tick.pixel},${height})`}>
            <line y2={-AXIS_LAYOUT.tickLength} />
            <text y={-AXIS_LAYOUT.xLabelRise} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        {yTicks.map((tick) => (
          <g key={`y${tick.value}`} transform={`translate(0,${tick.pixel})`}>
            <line x2={AXIS_LAYOUT.tickLength} />
            <text x={AXIS_LAYOUT.yLabelIndent} y={-AXIS_LAYOUT.yLabelRise}>
              {tick.label}
            </text>
          </g>
        ))}
        {surface.minima.map((minimum, i) => (
          <g
            key={i}
            className={minimum.global ? 'minimum global' : 'minimum'}
            transform={`translate(${viewport.toPixelX(minimum.point[0])},${viewport.toPixelY(minimum.point[1])})`}
          >
            <title>{`${minimum.global ? 'global' : 'local'} minimum f = ${formatNumber(minimum.value)}`}</title>
            <path className="halo" d={crossPath(minimum.global)} />
            <path d={crossPath(minimum.global)} />
          </g>
        ))}
        <line
          ref={crosshairX}
          className="crosshair"
          y1={0}
          y2={height}
          style={{ display: 'none' }}
        />
        <line
          ref={crosshairY}
          className="crosshair"
          x1={0}
          x2={width}
          style={{ display: 'none' }}
        />
      </svg>
      <BasinOverlay surface={surface} viewport={viewport} runId={runId} />
      <canvas ref={trailCanvas} className="layer" aria-hidden="true" data-testid="trail-canvas" />
      {/* The trajectory layer's moving heads; React renders no children here. */}
      <div ref={markerBox} className="layer head-markers" aria-hidden="true" />
      {/* Crowded runs' trails and dots, painted by a Worker (playback/crowdClient.ts). */}
      <canvas
        ref={crowdCanvas}
        className="layer"
        aria-hidden="true"
        hidden
        data-testid="crowd-canvas"
      />
      <canvas ref={headCanvas} className="layer" aria-hidden="true" data-testid="head-canvas" />
      <InspectorOverlay viewport={viewport} runId={runId} drawScale={drawScale} />
      <div
        className="layer interaction"
        data-testid="plot-interaction"
        aria-label="Loss surface. Click or tap to start every run from that point; drag to pan; scroll or pinch to zoom; double-click to reset the view."
        role="img"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          gesture.current.down(event.pointerId, ...local(event), viewport);
        }}
        onPointerMove={(event) => {
          if (gesture.current.active) {
            const result = gesture.current.move(event.pointerId, ...local(event));
            if (result.kind === 'view') actions.setView(result.view);
            return;
          }
          const point = toWorld(event);
          controller.setHover(point);
          setText(readout.current, readoutText(surface, point));
        }}
        onPointerUp={(event) => {
          const result = gesture.current.up(event.pointerId, viewport);
          if (result.kind === 'tap') {
            taps.current = [
              ...taps.current.slice(-1),
              { startsBefore: store.getState().scene.starts, at: event.timeStamp },
            ];
            actions.setStart(viewport.roundedWorld(result.x, result.y));
            actions.play();
          }
        }}
        onPointerCancel={(event) => gesture.current.cancel(event.pointerId, viewport)}
        onPointerLeave={() => {
          controller.setHover(null);
          setText(readout.current, '');
        }}
        onWheel={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          const factor = Math.exp(-event.deltaY * 0.0015);
          actions.setView(
            viewport.zoomedAbout(event.clientX - rect.left, event.clientY - rect.top, factor),
          );
        }}
      />
      {startPixel && start && (
        <button
          type="button"
          className="start-marker"
          style={{ left: startPixel[0], top: startPixel[1] }}
          aria-label={`Start point (${formatNumber(start[0])}, ${formatNumber(start[1])}). Arrow keys move it.`}
          title="Start point: drag it, or focus it and use the arrow keys"
          onPointerDown={(event) => {
            event.stopPropagation();
            event.currentTarget.setPointerCapture(event.pointerId);
          }}
          onPointerMove={(event) => {
            if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
            const rect = event.currentTarget.parentElement!.getBoundingClientRect();
            // Dragged off the plot, the start stays on its edge: it cannot be lost.
            const x = Math.min(Math.max(event.clientX - rect.left, 0), width);
            const y = Math.min(Math.max(event.clientY - rect.top, 0), height);
            actions.setStart(viewport.roundedWorld(x, y));
          }}
          onKeyDown={(event) => {
            const stepSize =
              ((viewport.extent.xMax - viewport.extent.xMin) / 100) * (event.shiftKey ? 10 : 1);
            const moves: Record<string, [number, number]> = {
              ArrowLeft: [-stepSize, 0],
              ArrowRight: [stepSize, 0],
              ArrowUp: [0, stepSize],
              ArrowDown: [0, -stepSize],
            };
            const move = moves[event.key];
            if (!move) return;
            event.preventDefault();
            event.stopPropagation();
            moveStart(...move);
          }}
        />
      )}
      {title && (
        <div className="panel-title" ref={titleChip}>
          {title}
        </div>
      )}
      {undefinedShown && <UndefinedKey />}
      <div className="hover-readout" ref={readout} aria-live="off" />
    </div>
  );
}
