/**
 * A surface in 3D: the lit mesh in the contours' colours, drawn by the WebGL renderer, with a 2D
 * layer over it (the race, or a network's paths) and the camera tools. The plot's 3D panel and the
 * network landscape's 3D view are this with their own layer.
 *
 * Drag orbits, shift-drag or two fingers pan, the wheel or a pinch zooms, arrow keys orbit while the
 * plot has the focus; a tap or click on the surface starts every run there. While a gesture lasts
 * the camera lives here and the frame loop redraws; the scene (and the URL) get it when it ends.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Point } from '../../core/geometry.ts';
import { DEFAULT_VIEW3D, LIMITS, type ContourScale, type View3d } from '../../core/scene/scene.ts';
import {
  BOX_HEIGHT,
  cameraFrame,
  DEFAULT_CAMERA,
  orbited,
  panned,
  rayThrough,
  roundedCamera,
  zoomed,
  type Camera,
} from '../../core/surface3d/camera.ts';
import type { MeshRequest } from '../../core/surface3d/compute.ts';
import { pickSurface } from '../../core/surface3d/pick.ts';
import { sharedMeshClient } from '../../playback/meshClient.ts';
import type { SurfaceOverlay } from '../../render/surface3d/overlay.ts';
import {
  SurfaceRenderer,
  type SurfaceViewOptions,
} from '../../render/surface3d/surfaceRenderer.ts';
import { useActions, useApp, useServices } from '../appContext.ts';
import { countRender } from '../renderCount.ts';
import './plot3d.css';

export interface Surface3dViewProps {
  width: number;
  height: number;
  /** The surface to build (in the mesh Worker); null while its samples are not there yet. */
  meshRequest: MeshRequest | null;
  /** What the view says while `meshRequest` is null. */
  waiting?: string;
  /** The mesh client's channel: one per view on the page. */
  channel: string;
  /** Makes the layer drawn over the surface; a new function makes a new layer (and renderer). */
  createOverlay: (canvas: HTMLCanvasElement, view: SurfaceViewOptions) => SurfaceOverlay;
  /** The canvas's accessible name: what it shows and how to move it. */
  label: string;
  /** The world point under a click on the surface; without it a click does nothing. */
  onPick?: (point: Point) => void;
  /** A caption for the canvas (the pointer's tooltip). */
  tooltip?: string;
  children?: ReactNode;
}

/** Degrees of orbit per CSS pixel dragged, and per arrow key press (× 3 with Shift). */
const DEGREES_PER_PIXEL = 0.4;
const DEGREES_PER_KEY = 5;
/** A press that moves less than this many px is a click (sets the start), not a drag. */
const TAP_SLOP_PX = 4;
/** The camera reaches the scene (and the URL) this long after the last wheel turn. */
const WHEEL_COMMIT_MS = 300;
/** The exaggeration slider runs over log2: −2..2 is ×¼..×4 (the scene allows LIMITS.exaggeration). */
const LIFT_SLIDER = [-2, 2] as const;

export function Surface3dView({
  width,
  height,
  meshRequest,
  waiting,
  channel,
  createOverlay,
  label,
  onPick,
  tooltip,
  children,
}: Surface3dViewProps) {
  countRender('Surface3dView');
  const { controller, store } = useServices();
  const actions = useActions();
  const view3d = useApp((s) => s.scene.view3d) ?? DEFAULT_VIEW3D;
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlayCanvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<SurfaceRenderer | null>(null);
  const overlay = useRef<SurfaceOverlay | null>(null);
  const camera = useRef<Camera>(view3d.camera);
  const [status, setStatus] = useState<string | null>('Building the 3D surface…');
  const [contextLost, setContextLost] = useState(false);
  const failure = useRef<HTMLParagraphElement>(null);

  // Surface and race layers live as long as their canvases; they draw when the frame loop asks.
  useEffect(() => {
    let created: SurfaceRenderer;
    const options = { camera: camera.current, exaggeration: DEFAULT_VIEW3D.exaggeration };
    try {
      created = new SurfaceRenderer(canvas.current!, options, {
        needsFrame: () => controller.invalidate(),
        contextLost: setContextLost,
      });
    } catch (error) {
      // Written straight to the page: the effect must not set state (it would render twice).
      const reason = error instanceof Error ? error.message : String(error);
      failure.current!.textContent = `3D view unavailable: ${reason}`;
      failure.current!.hidden = false;
      return;
    }
    const layer = createOverlay(overlayCanvas.current!, options);
    renderer.current = created;
    overlay.current = layer;
    const removeSurface = controller.addDrawable(created);
    const removeLayer = controller.addDrawable(layer);
    return () => {
      removeSurface();
      removeLayer();
      created.dispose();
      renderer.current = null;
      overlay.current = null;
    };
  }, [controller, createOverlay]);

  // createOverlay too, in the effects below: a new layer and renderer need everything again.
  useEffect(() => {
    const pixelRatio = window.devicePixelRatio || 1;
    renderer.current?.setSize(width, height, pixelRatio);
    overlay.current?.setSize(width, height, pixelRatio);
    controller.invalidate();
  }, [controller, width, height, createOverlay]);

  useEffect(() => {
    camera.current = view3d.camera;
    const options = { camera: view3d.camera, exaggeration: view3d.exaggeration };
    renderer.current?.setOptions(options);
    overlay.current?.setView(options);
    controller.invalidate();
  }, [controller, view3d, createOverlay]);

  useEffect(() => {
    if (!meshRequest) return;
    let current = true;
    void sharedMeshClient()
      .request(meshRequest, channel)
      .then((outcome) => {
        if (!current || !outcome || !renderer.current) return;
        if (!outcome.ok) return setStatus(`The 3D surface could not be built: ${outcome.error}`);
        renderer.current.setMesh(outcome.mesh);
        overlay.current?.setMesh(outcome.mesh);
        setStatus(null);
        controller.invalidate(true);
      });
    return () => {
      current = false;
    };
  }, [controller, meshRequest, channel, createOverlay]);

  /** Shows `next` now; `commit` also puts it in the scene (and so the URL). */
  const moveCamera = (next: Camera, commit: boolean) => {
    camera.current = next;
    const view = store.getState().scene.view3d ?? DEFAULT_VIEW3D;
    const options = { camera: next, exaggeration: view.exaggeration };
    renderer.current?.setOptions(options);
    overlay.current?.setView(options);
    // A moving camera draws at reduced resolution; the full picture comes with the commit.
    renderer.current?.setInteractive(!commit);
    overlay.current?.setInteractive(!commit);
    controller.invalidate();
    if (commit) actions.setView3d({ ...view, camera: roundedCamera(next) });
  };
  const updateView = (change: Partial<View3d>) =>
    actions.setView3d({ ...(store.getState().scene.view3d ?? DEFAULT_VIEW3D), ...change });

  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ travelled: 0, multiTouch: false });
  const wheelTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(wheelTimer.current), []);

  const local = (event: React.PointerEvent | React.WheelEvent) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  /** The world point of the surface under (x, y) CSS px, or null off the surface. */
  const pick = (x: number, y: number): Point | null => {
    const mesh = renderer.current?.currentMesh;
    if (!mesh) return null;
    const top = BOX_HEIGHT * (store.getState().scene.view3d ?? DEFAULT_VIEW3D).exaggeration;
    const ray = rayThrough(
      cameraFrame(camera.current, top),
      width / height,
      (x / width) * 2 - 1,
      1 - (y / height) * 2,
    );
    return pickSurface(mesh, top, ray.origin, ray.direction);
  };

  const onPointerMove = (event: React.PointerEvent) => {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const point = local(event);
    const dx = point.x - previous.x;
    const dy = point.y - previous.y;
    gesture.current.travelled += Math.hypot(dx, dy);
    if (pointers.current.size >= 2) {
      // Two fingers: the change in their distance zooms, their midpoint's move pans.
      const [a, b] = [...pointers.current.entries()].map(([id, p]) =>
        id === event.pointerId ? point : p,
      );
      const [oldA, oldB] = [...pointers.current.values()];
      const before = Math.hypot(oldA.x - oldB.x, oldA.y - oldB.y);
      const after = Math.hypot(a.x - b.x, a.y - b.y);
      const next = zoomed(camera.current, before > 0 ? after / before : 1);
      pointers.current.set(event.pointerId, point);
      moveCamera(panned(next, dx / 2, dy / 2, height), false);
      return;
    }
    pointers.current.set(event.pointerId, point);
    if (gesture.current.travelled < TAP_SLOP_PX) return;
    const next = event.shiftKey
      ? panned(camera.current, dx, dy, height)
      : orbited(camera.current, -dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL);
    moveCamera(next, false);
  };

  const onPointerUp = (event: React.PointerEvent) => {
    if (!pointers.current.delete(event.pointerId)) return;
    if (pointers.current.size > 0) return;
    const { travelled, multiTouch } = gesture.current;
    if (travelled < TAP_SLOP_PX && !multiTouch) {
      const { x, y } = local(event);
      const hit = onPick && pick(x, y);
      if (hit) onPick(hit);
      return;
    }
    moveCamera(camera.current, true);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = DEGREES_PER_KEY * (event.shiftKey ? 3 : 1);
    const turns: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const turn = turns[event.key];
    if (!turn || event.ctrlKey || event.metaKey || event.altKey) return;
    // The arrows orbit here; playback's ← → (window shortcuts) see a handled key and leave it.
    event.preventDefault();
    moveCamera(orbited(camera.current, ...turn), true);
  };

  const [liftLow, liftHigh] = LIMITS.exaggeration;
  const shownStatus = meshRequest ? status : (waiting ?? null);
  return (
    <div className="plot-panel plot3d" style={{ width, height }} data-testid="plot-panel">
      <canvas
        ref={canvas}
        className="layer plot3d-canvas"
        style={{ width, height }}
        data-testid="surface3d-canvas"
        tabIndex={0}
        role="img"
        aria-label={label}
        title={tooltip}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          if (pointers.current.size === 0) gesture.current = { travelled: 0, multiTouch: false };
          else gesture.current.multiTouch = true;
          pointers.current.set(event.pointerId, local(event));
        }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={(event) => {
          pointers.current.delete(event.pointerId);
          if (pointers.current.size === 0) moveCamera(camera.current, true);
        }}
        onWheel={(event) => {
          moveCamera(zoomed(camera.current, Math.exp(-event.deltaY * 0.0015)), false);
          window.clearTimeout(wheelTimer.current);
          wheelTimer.current = window.setTimeout(
            () => moveCamera(camera.current, true),
            WHEEL_COMMIT_MS,
          );
        }}
        onKeyDown={onKeyDown}
      />
      <canvas
        ref={overlayCanvas}
        className="layer plot3d-race"
        aria-hidden="true"
        data-testid="race3d-canvas"
      />
      {/* One row: on a narrow plot the words give way to icons (plot3d.css), names stay. */}
      <div className="plot3d-tools">
        <button
          type="button"
          aria-label="Reset camera"
          title="Reset camera"
          onClick={() => moveCamera({ ...DEFAULT_CAMERA }, true)}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className="plot3d-icon">
            <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.8h-2.8" />
          </svg>
          <span className="plot3d-words">Reset camera</span>
        </button>
        <label title="Height scale: auto picks linear or log like the contour levels">
          <span className="plot3d-words" aria-hidden="true">
            Heights
          </span>
          <select
            aria-label="Height scale"
            value={view3d.heights}
            onChange={(event) => updateView({ heights: event.currentTarget.value as ContourScale })}
          >
            <option value="auto">auto</option>
            <option value="log">log</option>
            <option value="linear">linear</option>
          </select>
        </label>
        <label title="Vertical exaggeration">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="plot3d-icon">
            <path d="M8 1.5v13M5 4.5l3-3 3 3M5 11.5l3 3 3-3" />
          </svg>
          <span className="plot3d-words" aria-hidden="true">
            Height ×
          </span>
          <input
            type="range"
            aria-label="Vertical exaggeration"
            min={LIFT_SLIDER[0]}
            max={LIFT_SLIDER[1]}
            step={0.1}
            value={Math.log2(view3d.exaggeration)}
            aria-valuetext={`${view3d.exaggeration}×`}
            onChange={(event) => {
              const value = 2 ** Number(event.currentTarget.value);
              const exaggeration = Math.min(liftHigh, Math.max(liftLow, Number(value.toFixed(2))));
              updateView({ exaggeration });
            }}
          />
        </label>
      </div>
      {shownStatus && (
        <p className="plot3d-status" role="status">
          {shownStatus}
        </p>
      )}
      <p ref={failure} className="plot3d-status" role="alert" hidden />
      {contextLost && (
        <p className="plot3d-status" role="status">
          The 3D view lost its graphics context; it comes back when the browser restores it.
        </p>
      )}
      {children}
    </div>
  );
}
