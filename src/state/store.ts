/**
 * The app's slow state: the scene (serialisable, the one source of truth), playback flags and UI
 * flags. Positions, optimizer state and the playback cursor live in the simulation controller
 * (src/render), never here: a setState per frame would allocate and notify every listener.
 * Actions are plain functions on the store, so keyboard shortcuts, the embed API and the UI share them.
 */
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Extent, Point } from '../core/geometry.ts';
import type { ParamValue } from '../core/optimizers/types.ts';
import {
  LIMITS,
  defaultScene,
  runFromPreset,
  type ChartMetric,
  type ContourScale,
  type Layout,
  type Scene,
  type SceneRun,
  type SurfaceRef,
} from '../core/scene/scene.ts';

export interface AppState {
  scene: Scene;
  /** Messages about input that was replaced (a broken URL part, say); dismissible. */
  notices: string[];
  playing: boolean;
  /** Bumped by reset and by anything that restarts every run, so the controller rewinds. */
  resetCount: number;
}

export interface AppActions {
  play(): void;
  pause(): void;
  togglePlay(): void;
  reset(): void;
  setSpeed(stepsPerSecond: number): void;
  setSurface(surface: SurfaceRef): void;
  setView(view: Extent | null): void;
  setStart(point: Point): void;
  setLayout(layout: Layout): void;
  setContourScale(scale: ContourScale): void;
  setChart(metric: ChartMetric): void;
  setNoise(sigma: number): void;
  setSeed(seed: number): void;
  addRun(presetId: string): void;
  duplicateRun(runId: string): void;
  removeRun(runId: string): void;
  setRunParam(runId: string, name: string, value: ParamValue): void;
  setRunVisible(runId: string, visible: boolean): void;
  /** Replaces the whole scene (a lesson, a URL, the embed API's setScene). */
  loadScene(scene: Scene, notices?: string[]): void;
  dismissNotices(): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

function nextRunId(runs: readonly SceneRun[]): string {
  const used = new Set(runs.map((run) => run.id));
  let i = runs.length + 1;
  while (used.has(`r${i}`)) i++;
  return `r${i}`;
}

export function createAppStore(initial: Scene = defaultScene(), notices: string[] = []) {
  return createStore<AppState & AppActions>()(
    subscribeWithSelector((set, get) => {
      const updateScene = (change: Partial<Scene>) => set({ scene: { ...get().scene, ...change } });
      const updateRun = (runId: string, change: (run: SceneRun) => SceneRun) =>
        updateScene({
          runs: get().scene.runs.map((run) => (run.id === runId ? change(run) : run)),
        });
      return {
        scene: initial,
        notices,
        playing: true,
        resetCount: 0,

        play: () => set({ playing: true }),
        pause: () => set({ playing: false }),
        togglePlay: () => set({ playing: !get().playing }),
        reset: () => set({ resetCount: get().resetCount + 1 }),
        setSpeed: (speed) =>
          updateScene({ speed: Math.min(LIMITS.speed[1], Math.max(LIMITS.speed[0], speed)) }),
        setSurface: (surface) => updateScene({ surface, view: null }),
        setView: (view) => updateScene({ view }),
        setStart: (point) => updateScene({ starts: { kind: 'points', points: [point] } }),
        setLayout: (layout) => updateScene({ layout }),
        setContourScale: (contours) => updateScene({ contours }),
        setChart: (chart) => updateScene({ chart }),
        setNoise: (noise) => updateScene({ noise }),
        setSeed: (seed) => updateScene({ seed }),
        addRun: (presetId) => {
          const { runs } = get().scene;
          if (runs.length >= LIMITS.runs) return;
          updateScene({ runs: [...runs, runFromPreset(presetId, nextRunId(runs))] });
        },
        duplicateRun: (runId) => {
          const { runs } = get().scene;
          const index = runs.findIndex((run) => run.id === runId);
          if (index < 0 || runs.length >= LIMITS.runs) return;
          const copy = { ...runs[index], id: nextRunId(runs), params: { ...runs[index].params } };
          updateScene({ runs: [...runs.slice(0, index + 1), copy, ...runs.slice(index + 1)] });
        },
        removeRun: (runId) => {
          const { runs } = get().scene;
          if (runs.length <= 1) return;
          updateScene({ runs: runs.filter((run) => run.id !== runId) });
        },
        setRunParam: (runId, name, value) =>
          updateRun(runId, (run) => ({ ...run, params: { ...run.params, [name]: value } })),
        setRunVisible: (runId, visible) => updateRun(runId, (run) => ({ ...run, visible })),
        loadScene: (scene, sceneNotices = []) =>
          set({ scene, notices: sceneNotices, resetCount: get().resetCount + 1 }),
        dismissNotices: () => set({ notices: [] }),
      };
    }),
  );
}
