/**
 * The app's slow state: the scene (serialisable, the one source of truth), playback flags and UI
 * flags. Positions, optimizer state and the playback cursor live in the simulation controller
 * (src/render), never here: a setState per frame would allocate and notify every listener.
 * Actions are plain functions on the store, so keyboard shortcuts, the embed API and the UI share them.
 */
import { boundedView, containsPoint } from '../core/scene/view.ts';
import { runsForSurface } from '../core/scene/surfaceSwitch.ts';
import { freeRunId, uniqueLabel } from '../core/scene/runLabels.ts';
import { samePlainData } from '../core/scene/samePlainData.ts';
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { partsToRun } from '../core/data/sampledGradients.ts';
import type { Extent, Point } from '../core/geometry.ts';
import { loadMissing } from '../core/onDemand.ts';
import type { ParamValue } from '../core/optimizers/types.ts';
import type { ScheduleConfig } from '../core/schedules/types.ts';
import type { LabSpec } from '../core/lab/spec.ts';
import {
  defaultStartOf,
  prepareSurface,
  resolveSurface,
  surfaceReady,
} from '../core/scene/resolve.ts';
import {
  LIMITS,
  defaultScene,
  runFromPreset,
  type ChartMetric,
  type ContourScale,
  type Layout,
  type Scene,
  type SceneRun,
  type StartSpec,
  type SurfaceRef,
  type View3d,
} from '../core/scene/scene.ts';

export interface AppState {
  scene: Scene;
  /** Messages about input that was replaced (a broken URL part, say); dismissible. */
  notices: string[];
  playing: boolean;
  /** Bumped by reset and by anything that restarts every run, so the controller rewinds. */
  resetCount: number;
  /** The curvature inspector is on: Hessian, eigenvectors and verdict at the pointer or start. */
  inspect: boolean;
  /** The run whose next update is taken apart on the plot (update anatomy), or null. */
  anatomyRunId: string | null;
}

export interface AppActions {
  play(): void;
  pause(): void;
  togglePlay(): void;
  reset(): void;
  setSpeed(stepsPerSecond: number): void;
  /** The step budget, a whole number from 1 to LIMITS.steps (others are refused by the caller). */
  setSteps(steps: number): void;
  /** A typed formula applies once its compiler has loaded (`prepareSurface`); the promise says when. */
  setSurface(surface: SurfaceRef): Promise<void>;
  setView(view: Extent | null): void;
  setStart(point: Point): void;
  /** One point, N seeded random points or an N × N grid (random initialisation). */
  setStarts(starts: StartSpec): void;
  setLayout(layout: Layout): void;
  setContourScale(scale: ContourScale): void;
  setChart(metric: ChartMetric): void;
  setNoise(sigma: number): void;
  /** Minibatch size on dataset surfaces; undefined = the full batch. Waits as addRun does. */
  setBatchSize(size: number | undefined): Promise<void>;
  setSeed(seed: number): void;
  /**
   * A DistributedSGD run applies once its sampled gradients have loaded (`partsToRun`); the promise
   * says when.
   */
  addRun(presetId: string): Promise<void>;
  duplicateRun(runId: string): void;
  removeRun(runId: string): void;
  setRunParam(runId: string, name: string, value: ParamValue): void;
  /** A resolved schedule (schedules/validate.ts) for the run, or none. */
  setRunSchedule(runId: string, schedule: ScheduleConfig | undefined): void;
  setRunVisible(runId: string, visible: boolean): void;
  /** Shows a lab experiment (or none); the runs on the plot carry on undisturbed. */
  setLab(lab: LabSpec | undefined): void;
  /**
   * Replaces the whole scene (a lesson, a URL, the embed API's setScene); waits as setSurface and
   * addRun do.
   */
  loadScene(scene: Scene, notices?: string[]): Promise<void>;
  dismissNotices(): void;
  /** Adds a notice (once: the same sentence twice is shown once). */
  addNotice(notice: string): void;
  setInspect(on: boolean): void;
  /** Shows the plot in 3D with these camera and height settings, or in 2D (undefined). */
  setView3d(view3d: View3d | undefined): void;
  setAnatomyRun(runId: string | null): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore(initial: Scene = defaultScene(), notices: string[] = []) {
  return createStore<AppState & AppActions>()(
    subscribeWithSelector((set, get) => {
      const updateScene = (change: Partial<Scene>) => {
        const scene = get().scene;
        // A field's input event may re-send its current value: that changes nothing, restarts nothing.
        const changes = (Object.keys(change) as (keyof Scene)[]).some(
          (key) => !samePlainData(scene[key], change[key]),
        );
        if (changes) set({ scene: { ...scene, ...change } });
      };
      const updateRun = (runId: string, change: (run: SceneRun) => SceneRun) =>
        updateScene({
          runs: get().scene.runs.map((run) => (run.id === runId ? change(run) : run)),
        });
      // The controller resolves the surface and builds the runs as soon as the scene changes, so a
      // change first loads the parts of the core it needs (once per page): a typed formula's compiler,
      // or the sampled gradients of a minibatch size or a DistributedSGD run. Null: nothing to load,
      // the change applies at once. A failed download leaves a notice and resolves to false.
      const loadFor = (needs: {
        surface?: SurfaceRef;
        runs?: Pick<Scene, 'runs' | 'batchSize'>;
      }): Promise<boolean> | null => {
        const loads: [Promise<unknown>, string][] = [];
        if (needs.surface && !surfaceReady(needs.surface)) {
          loads.push([prepareSurface(needs.surface), 'the formula compiler']);
        }
        const sampled = needs.runs && loadMissing(partsToRun(needs.runs));
        if (sampled) loads.push([sampled, 'the sampled gradients']);
        if (loads.length === 0) return null;
        const noticed = loads.map(([loading, what]) =>
          loading.catch((error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            set({ notices: [...get().notices, `could not load ${what}: ${reason}`] });
            throw error;
          }),
        );
        return Promise.all(noticed).then(
          () => true,
          () => false,
        );
      };
      // Surface, batch-size and whole-scene changes land in the order they were asked for: one that
      // waited for a download is dropped if a later one came meanwhile (two lesson chapters opened
      // quickly must not end on the first).
      let latestOrderedChange = 0;
      const applyInOrder = async (loading: Promise<boolean> | null, apply: () => void) => {
        const change = ++latestOrderedChange;
        if (loading && !(await loading)) return;
        if (change === latestOrderedChange) apply();
      };
      return {
        scene: initial,
        notices,
        playing: true,
        resetCount: 0,
        inspect: false,
        anatomyRunId: null,

        play: () => set({ playing: true }),
        pause: () => set({ playing: false }),
        togglePlay: () => set({ playing: !get().playing }),
        reset: () => set({ resetCount: get().resetCount + 1 }),
        setSteps: (steps) => updateScene({ steps }),
        setSpeed: (speed) =>
          updateScene({ speed: Math.min(LIMITS.speed[1], Math.max(LIMITS.speed[0], speed)) }),
        setSurface: (surface) =>
          applyInOrder(loadFor({ surface }), () => {
            const { starts } = get().scene;
            const resolved = resolveSurface(surface).surface;
            // A start the new surface's view does not show would be lost: use the surface's own.
            const lost =
              starts.kind === 'points' &&
              !starts.points.every((point) => containsPoint(resolved.view, point));
            updateScene({
              surface,
              view: null,
              runs: runsForSurface(get().scene.runs, get().scene.surface, surface),
              ...(lost ? { starts: { kind: 'points', points: [defaultStartOf(resolved)] } } : {}),
            });
          }),
        setView: (view) =>
          updateScene({
            view: view && boundedView(view, resolveSurface(get().scene.surface).surface.view),
          }),
        setStart: (point) => updateScene({ starts: { kind: 'points', points: [point] } }),
        setStarts: (starts) => updateScene({ starts }),
        setLayout: (layout) => updateScene({ layout }),
        setContourScale: (contours) => updateScene({ contours }),
        setChart: (chart) => updateScene({ chart }),
        setNoise: (noise) => updateScene({ noise }),
        setBatchSize: (batchSize) =>
          applyInOrder(loadFor({ runs: { runs: [], batchSize } }), () => {
            const scene = { ...get().scene, batchSize };
            // The full batch is no key at all, like a scene read back from its URL.
            if (batchSize === undefined) delete scene.batchSize;
            set({ scene });
          }),
        setSeed: (seed) => updateScene({ seed }),
        addRun: async (presetId) => {
          const run = runFromPreset(presetId, 'new'); // its id is chosen when it is added
          const loading = loadFor({ runs: { runs: [run] } });
          if (loading && !(await loading)) return;
          const { runs } = get().scene;
          if (runs.length >= LIMITS.runs) return;
          updateScene({
            runs: [...runs, { ...run, id: freeRunId(runs), label: uniqueLabel(run.label, runs) }],
          });
        },
        duplicateRun: (runId) => {
          const { runs } = get().scene;
          const index = runs.findIndex((run) => run.id === runId);
          if (index < 0 || runs.length >= LIMITS.runs) return;
          const copy = {
            ...runs[index],
            id: freeRunId(runs),
            label: uniqueLabel(runs[index].label, runs),
            params: { ...runs[index].params },
          };
          updateScene({ runs: [...runs.slice(0, index + 1), copy, ...runs.slice(index + 1)] });
        },
        removeRun: (runId) => {
          const { runs } = get().scene;
          if (runs.length <= 1) return;
          updateScene({ runs: runs.filter((run) => run.id !== runId) });
        },
        setRunParam: (runId, name, value) =>
          updateRun(runId, (run) => ({ ...run, params: { ...run.params, [name]: value } })),
        setRunSchedule: (runId, schedule) =>
          updateRun(runId, (run) => {
            const next = { ...run, schedule };
            // No schedule is no key at all, like a run read back from its URL.
            if (!schedule) delete next.schedule;
            return next;
          }),
        setRunVisible: (runId, visible) => updateRun(runId, (run) => ({ ...run, visible })),
        setLab: (lab) => {
          const scene = { ...get().scene, lab };
          // No lab is no key at all, so the scene stays equal to one read back from its URL.
          if (!lab) delete scene.lab;
          set({ scene });
        },
        loadScene: (scene, sceneNotices = []) =>
          applyInOrder(loadFor({ surface: scene.surface, runs: scene }), () =>
            set({ scene, notices: sceneNotices, resetCount: get().resetCount + 1 }),
          ),
        dismissNotices: () => set({ notices: [] }),
        addNotice: (notice) => {
          if (!get().notices.includes(notice)) set({ notices: [...get().notices, notice] });
        },
        setInspect: (inspect) => set({ inspect }),
        setView3d: (view3d) => {
          const scene = { ...get().scene, view3d };
          // The 2D plot is no key at all, like a scene read back from its URL.
          if (!view3d) delete scene.view3d;
          set({ scene });
        },
        setAnatomyRun: (anatomyRunId) => set({ anatomyRunId }),
      };
    }),
  );
}
