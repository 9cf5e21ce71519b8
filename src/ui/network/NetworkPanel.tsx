import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNetworkScene } from './NetworkEntry.tsx';
import type { ContourBands } from '../../core/contours/bands.ts';
import { DEFAULT_LEVEL_COUNT } from '../../core/contours/request.ts';
import { DATASET_KINDS, DATASETS, type DatasetKind } from '../../core/nn/datasets.ts';
import { buildExperiment, type RunConfig } from '../../core/nn/experiment.ts';
import { ACTIVATIONS, type Activation } from '../../core/nn/network.ts';
import type { Scene } from '../../core/scene/scene.ts';
import type { TrainResponse } from '../../core/nn/protocol.ts';
import {
  NETWORK_LIMITS,
  NEWTON_MAX_PARAMETERS,
  networkLayers,
  networkParameterCount,
  type NetworkSpec,
  type PlaneKind,
} from '../../core/nn/spec.ts';
import { NetworkClient } from '../../playback/networkClient.ts';
import {
  dataExtent,
  DECISION_CELLS,
  decisionCellRows,
  decisionImage,
  drawDecisionRegions,
  drawLossCurves,
  drawPlaneContours,
  drawPlanePaths,
  fitCanvas,
  paintDecisionCells,
} from '../../render/network/draw.ts';
import { runStyles } from '../../render/runStyle.ts';
import { webgl2Problem } from '../../render/webglSupport.ts';
import type { SampledLandscape } from '../three/NetworkPlot3d.tsx';
import { useActions, useApp, useServices } from '../appContext.ts';
import { afterNextFrame, firstScreenMounted } from '../mountTurns.ts';
import { countRender } from '../renderCount.ts';
import { useElementSize } from '../useElementSize.ts';
import { MarkerIcon } from '../RunMarker.tsx';
import { networkRunStatus, percent, publishNetworkResults, shownRow } from './networkResults.ts';
import { NETWORK_MARKS } from './marks.ts';
import { setNetworkRunStatus } from './runCardStatus.ts';
import './network.css';

setNetworkRunStatus(networkRunStatus);

/** The landscape in 3D, with the WebGL renderer, downloads the first time 3D is opened. */
const NetworkPlot3d = lazy(() => import('../three/NetworkPlot3d.tsx'));

/** Where the 3D view draws the paths, said under the figure and on the canvas's tooltip. */
const LIFTED_PATHS_NOTE =
  "In 3D each path lies on the plane's loss under its projected point (interpolated between the grid's samples), not at the run's own loss: the run's weights are off the plane, where the loss differs.";

type TrainDone = Extract<TrainResponse, { type: 'done' }>;

/** What the status line says; the progress of the first two is written through a ref. */
type Phase =
  | { kind: 'training' }
  | { kind: 'landscape' }
  | { kind: 'ready' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

interface Landscape {
  bands: ContourBands;
  /** The sampled grid the contours come from, which the 3D view makes its surface of. */
  sampled: SampledLandscape;
}

const PLOT = { width: 420, height: 360 };
const NO_PATHS: Float64Array[] = [];
const DECISION = 132;
/** Rows of the untrained net's decision cells computed in a frame while the runs train. */
const UNTRAINED_ROWS_A_FRAME = 6;
const CHART = { width: 420, height: 120 };
/** The plot's pictures at `scale` times their CSS size: presenting shows the plot larger. */
const plotBox = (scale: number) => ({ ...PLOT, dpr: devicePixelRatio * scale });
/** How much larger than PLOT the plot is shown, in quarter steps and never below 1: its scale. */
const drawScale = (shownWidth: number) => Math.max(1, Math.ceil((shownWidth / PLOT.width) * 4) / 4);
const chartBox = () => ({ ...CHART, dpr: devicePixelRatio });
const GRID_SIDES = [21, 41, 61];

/** A number for a table cell: 3 significant digits, "—" where there is none. */
function cell(value: number, asPercent = false): string {
  if (asPercent) return percent(value);
  return Number.isFinite(value) ? value.toPrecision(3) : '—';
}

/** A progress percentage as the status line shows it. */
function percentText(fraction: number): string {
  return `${(100 * fraction).toFixed(0)} %`;
}

/**
 * The network view: the runs of the scene train a small net (in a Worker), race across a 2D slice
 * of its loss (contours sampled on a grid by two Workers), and each run's decision regions, losses
 * and accuracies follow the playback clock. Frames are drawn by the controller's loop (a
 * drawable); React renders when the experiment or its results change.
 */
export default function NetworkPanel() {
  const spec = useApp((s) => s.scene.network)!;
  const seed = useApp((s) => s.scene.seed);
  const runs = useApp((s) => s.scene.runs);
  const batchSize = useApp((s) => s.scene.batchSize);
  const contourScale = useApp((s) => s.scene.contours);
  const [attempt, setAttempt] = useState(0);
  // A new experiment (or another attempt) is a fresh view: its state starts from "training".
  const key = JSON.stringify([spec, seed, runs, batchSize, contourScale, attempt]);
  return (
    <ExperimentView
      key={key}
      experimentInputs={{ spec, seed, runs, batchSize, contourScale }}
      retry={() => setAttempt((a) => a + 1)}
    />
  );
}

interface ExperimentInputs {
  spec: NetworkSpec;
  seed: number;
  runs: Scene['runs'];
  batchSize: number | undefined;
  contourScale: Scene['contours'];
}

function ExperimentView({
  experimentInputs,
  retry,
}: {
  experimentInputs: ExperimentInputs;
  retry: () => void;
}) {
  countRender('NetworkPanel');
  const { controller, store } = useServices();
  const actions = useActions();
  const { spec, seed, runs, batchSize, contourScale } = experimentInputs;
  const [phase, setPhase] = useState<Phase>({ kind: 'training' });
  const [trained, setTrained] = useState<TrainDone | null>(null);
  const [landscape, setLandscape] = useState<Landscape | null>(null);
  const progressText = useRef<HTMLSpanElement>(null);
  /** The training Worker has reported: its start-up is over (see the untrained pictures below). */
  const trainingUnderway = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const client = useMemo(() => new NetworkClient(2), []);
  const experiment = useMemo(() => buildExperiment(spec, seed), [spec, seed]);
  const visibleRuns = useMemo(() => runs.filter((run) => run.visible), [runs]);
  // Styled among all the scene's runs, as their cards are, so a hidden run changes no one's look.
  const styles = useMemo(() => {
    const all = runStyles(runs);
    return runs.flatMap((run, r) => (run.visible ? [all[r]] : []));
  }, [runs]);
  const colours = useMemo(() => styles.map((style) => style.color), [styles]);
  const configs: RunConfig[] = useMemo(
    () => visibleRuns.map(({ optimizer, params, schedule }) => ({ optimizer, params, schedule })),
    [visibleRuns],
  );

  // Train, then sample the landscape: restarted whenever the experiment changes.
  useEffect(() => {
    const controllerOfRun = new AbortController();
    abort.current = controllerOfRun;
    const { signal } = controllerOfRun;
    // The race starts from step 0 when the paths appear: the clock is held at step 0 while the
    // runs train (the playback bar read "Step 4" beside the view's "step 0", the frames played
    // before this effect), then played. It is reached through `store` (stable), not through state
    // this effect depends on, so rewinding it cannot start another training.
    const wasPlaying = store.getState().playing;
    let held = true;
    if (wasPlaying) store.getState().pause();
    store.getState().reset();
    // Progress messages come dozens of times a second while the runs train: written as text, they
    // cost no render of the whole view.
    trainingUnderway.current = false;
    const showProgress = (fraction: number) => {
      if (!trainingUnderway.current) {
        trainingUnderway.current = true;
        controller.invalidate();
      }
      if (progressText.current) progressText.current.textContent = percentText(fraction);
    };
    const releaseClock = (rewind: boolean) => {
      if (!held) return;
      held = false;
      const state = store.getState();
      if (rewind) state.reset();
      if (wasPlaying || state.playing) state.play();
    };
    (async () => {
      // Training holds a core: on a two-core machine, started while the page still mounts, it took
      // the CPU from the mount's frames and dropped them (bench:network).
      await firstScreenMounted();
      if (signal.aborted) return;
      performance.mark(NETWORK_MARKS.training);
      const answer = await client.train(
        { spec, seed, runs: configs, batchSize },
        showProgress,
        signal,
      );
      performance.mark(NETWORK_MARKS.trained);
      publishNetworkResults({ network: spec, seed, runs, batchSize }, answer);
      setTrained(answer);
      releaseClock(true);
      setPhase({ kind: 'landscape' });
      // The trained runs' first frames (the table's render, the paths, the chart's curves) come
      // before the grid: with both grid Workers busy beside the page on a two-core machine, they
      // dropped a frame in 10 of 12 loads, and in none of 12 two frames later, with the landscape
      // no later (median 355 ms from the runs trained, against 408).
      for (let frame = 0; frame < 2; frame++) await new Promise<void>(afterNextFrame);
      if (signal.aborted) return;
      // The Workers contour the grid too: on this thread that was a task of tens of milliseconds
      // while the race plays.
      const { values, bands } = await client.grid(
        { spec, seed, plane: answer.plane, extent: answer.extent, side: spec.grid },
        { levels: DEFAULT_LEVEL_COUNT, scale: contourScale },
        showProgress,
        signal,
      );
      setLandscape({ bands, sampled: { values, side: spec.grid, extent: answer.extent } });
      setPhase({ kind: 'ready' });
    })().catch((error: unknown) => {
      releaseClock(false);
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    // Cancelled (the catch above) or left mid-training, the clock is given back as it was; here
    // at once, before the next experiment's effect reads it.
    return () => {
      controllerOfRun.abort();
      releaseClock(false);
    };
  }, [client, controller, store, spec, seed, runs, configs, batchSize, contourScale]);

  const cancel = () => {
    abort.current?.abort();
    setPhase({ kind: 'cancelled' });
  };

  const contourCanvas = useRef<HTMLCanvasElement>(null);
  const pathCanvas = useRef<HTMLCanvasElement>(null);
  // The plot's pictures are drawn at the size it is shown (larger when presenting), not scaled up.
  const plotElement = useRef<HTMLDivElement>(null);
  const scale = drawScale(useElementSize(plotElement).width);
  const chartCanvas = useRef<HTMLCanvasElement>(null);
  const decisionCanvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const metricCells = useRef<(HTMLTableCellElement | null)[]>([]);
  const stepText = useRef<HTMLSpanElement>(null);
  /** The chart's loss curves, drawn once per training and copied under the step marker. */
  const curves = useMemo(() => document.createElement('canvas'), []);

  // While the runs train the page has little to do: it sizes the canvases and draws the untrained
  // net's decision regions (every run's at step 0, one picture), a small job a frame. The first
  // sizing of a canvas and the first forward passes on this thread (not yet compiled) cost several
  // milliseconds each; all of them at once, when the trained runs arrive, dropped frames. They
  // wait for the training Worker's first report: done while it started up (two threads beside
  // the page's on a two-core machine), they dropped 1–2 frames in each of 4 loads, and the first
  // picture's forward passes in one job (9–13 ms) dropped one in some loads after it.
  useEffect(() => {
    if (trained) return;
    const region = dataExtent(experiment.data.train.inputs);
    const decisionBox = { width: DECISION, height: DECISION, dpr: devicePixelRatio };
    const untrained = decisionImage();
    const rowJobs = Array.from(
      { length: Math.ceil(DECISION_CELLS / UNTRAINED_ROWS_A_FRAME) },
      (_, k) => () =>
        decisionCellRows(
          untrained,
          experiment.train,
          experiment.init,
          region,
          k * UNTRAINED_ROWS_A_FRAME,
          (k + 1) * UNTRAINED_ROWS_A_FRAME,
        ),
    );
    const jobs: (() => void)[] = [
      () => contourCanvas.current && drawPlaneContours(contourCanvas.current, plotBox(scale), null),
      () => pathCanvas.current && fitCanvas(pathCanvas.current, plotBox(scale)),
      () => chartCanvas.current && fitCanvas(chartCanvas.current, chartBox()),
      () => fitCanvas(curves, chartBox()),
      ...rowJobs,
      ...decisionCanvases.current.map((canvas) => () => {
        if (canvas) paintDecisionCells(canvas, decisionBox, untrained, experiment.train, region);
      }),
    ];
    const stopDrawing = controller.addDrawable({
      draw: () => {
        // The first report asks for a frame (showProgress).
        if (!trainingUnderway.current) return;
        jobs.shift()?.();
        if (jobs.length > 0) controller.invalidate();
      },
    });
    return stopDrawing;
  }, [trained, controller, experiment, curves, scale]);

  useEffect(() => {
    if (!landscape || !contourCanvas.current) return;
    drawPlaneContours(contourCanvas.current, plotBox(scale), landscape.bands);
    performance.mark(NETWORK_MARKS.landscape);
  }, [landscape, scale]);

  // At the clock's step: the paths every frame, the decision regions a few times a second, and the
  // chart's marker and the numbers as text is (the controller's ticks, at most 10 a second while
  // playing). Nothing is drawn in the task that brings the trained runs (React's render of the
  // table is there), and the first frames share out the rest: the paths, then the chart's
  // curves, then the decision regions one run a frame.
  useEffect(() => {
    if (!trained) return;
    const { histories, projections, extent } = trained;
    const n = experiment.train.count;
    const region = dataExtent(experiment.data.train.inputs);
    let firstFrame = true;
    let curvesDrawn = false;
    let lastStep = -1;
    let lastDecision = -Infinity;
    let decisionStep = -1;
    /** Runs whose decision regions are not yet drawn at `decisionStep`, drawn one per frame. */
    let staleRegions: number[] = [];
    const written: string[] = [];
    const write = (index: number, text: string) => {
      const target = metricCells.current[index];
      if (target && written[index] !== text) {
        written[index] = text;
        target.textContent = text;
      }
    };
    const x = (k: number) => (k / spec.steps) * (CHART.width - 8) + 4;
    const tick = (clockStep: number) => {
      const step = Math.min(clockStep, spec.steps);
      const canvas = chartCanvas.current;
      if (canvas && curvesDrawn) {
        const context = fitCanvas(canvas, chartBox());
        context.clearRect(0, 0, CHART.width, CHART.height);
        context.drawImage(curves, 0, 0, CHART.width, CHART.height);
        context.strokeStyle = '#555';
        context.lineWidth = 1.5;
        context.beginPath();
        context.moveTo(x(step), 0);
        context.lineTo(x(step), CHART.height);
        context.stroke();
      }
      if (stepText.current) stepText.current.textContent = String(step);
      histories.forEach((h, r) => {
        const k = shownRow(h, step);
        write(r * 4, cell(h.trainLoss[k]));
        write(r * 4 + 1, cell(h.testLoss[k]));
        write(r * 4 + 2, cell(h.trainAccuracy[k], true));
        write(r * 4 + 3, cell(h.testAccuracy[k], true));
      });
    };
    const draw = (clockStep: number) => {
      const step = Math.min(clockStep, spec.steps);
      if (step !== lastStep && pathCanvas.current) {
        lastStep = step;
        drawPlanePaths(pathCanvas.current, plotBox(scale), extent, projections, styles, step);
      }
      // The first frame draws the paths only, the next the chart's curves, and the decision
      // regions start after them; a paused clock draws no frames by itself, hence the requests.
      if (firstFrame) {
        firstFrame = false;
        controller.invalidate();
        return;
      }
      if (!curvesDrawn) {
        drawLossCurves(curves, chartBox(), histories, colours);
        curvesDrawn = true;
        controller.invalidate();
        return;
      }
      // Decision regions cost a forward pass per cell: a few times a second while playing, one run
      // per frame. All six at once, when the trained runs first arrive, were a 150–215 ms task
      // and a burst of dropped frames.
      const now = performance.now();
      if (staleRegions.length === 0 && step !== decisionStep && now - lastDecision > 150) {
        decisionStep = step;
        lastDecision = now;
        staleRegions = histories.map((_, r) => r);
      }
      const r = staleRegions.shift();
      const canvas = r === undefined ? null : decisionCanvases.current[r];
      if (r !== undefined && canvas) {
        drawDecisionRegions(
          canvas,
          { width: DECISION, height: DECISION, dpr: devicePixelRatio },
          experiment.train,
          histories[r].path.subarray(decisionStep * n, (decisionStep + 1) * n),
          region,
        );
      }
      // A paused clock draws no more frames by itself: ask for one per run still to draw.
      if (staleRegions.length > 0) controller.invalidate();
    };
    const stopDrawing = controller.addDrawable({ draw: (frame) => draw(frame.step) });
    const stopTicks = controller.onTick((frame) => tick(frame.step));
    return () => {
      stopDrawing();
      stopTicks();
    };
  }, [trained, controller, experiment, styles, colours, spec.steps, curves, scale]);

  const setSpec = (change: Partial<NetworkSpec>) => {
    const next = { ...spec, ...change };
    const scene = store.getState().scene;
    void actions.loadScene({ ...scene, network: next, steps: next.steps });
  };
  const network = useNetworkScene();
  const in3d = useApp((s) => s.scene.view3d !== undefined);
  // A 3D link opened where WebGL 2 is missing shows the 2D plane and says why.
  const problem3d = in3d ? webgl2Problem() : null;
  const show3d = in3d && !problem3d;

  const layers = networkLayers(spec);
  const parameters = networkParameterCount(spec);
  const plane = trained?.plane;
  const busy = phase.kind === 'training' || phase.kind === 'landscape';
  return (
    <section className="network-panel" aria-label="Real network">
      <header className="network-header">
        <h2>Real network</h2>
        <p>
          <span data-testid="network-architecture">[{layers.join(', ')}]</span> {spec.activation} ·{' '}
          <span data-testid="network-parameters">{parameters}</span> parameters ·{' '}
          {DATASETS[spec.dataset].label}: {experiment.data.train.targets.length} train /{' '}
          {experiment.data.test.targets.length} test · step{' '}
          <span ref={stepText} data-testid="network-step">
            0
          </span>
        </p>
        <button
          type="button"
          className="small-button network-back"
          onClick={() => void network.close()}
        >
          Back to surfaces
        </button>
      </header>
      <form className="network-controls" onSubmit={(event) => event.preventDefault()}>
        <label>
          Data
          <select
            value={spec.dataset}
            onChange={(event) => setSpec({ dataset: event.target.value as DatasetKind })}
          >
            {DATASET_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {DATASETS[kind].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Noise
          <input
            type="number"
            min={NETWORK_LIMITS.noise[0]}
            max={NETWORK_LIMITS.noise[1]}
            step={0.05}
            value={spec.noise}
            onChange={(event) => {
              const noise = Number(event.target.value);
              if (noise >= NETWORK_LIMITS.noise[0] && noise <= NETWORK_LIMITS.noise[1])
                setSpec({ noise });
            }}
          />
        </label>
        <label>
          Hidden layers
          <input
            defaultValue={spec.hidden.join(', ')}
            key={spec.hidden.join(',')}
            aria-describedby="network-hidden-help"
            onBlur={(event) => {
              const hidden = event.target.value
                .split(/[\s,]+/)
                .filter(Boolean)
                .map(Number);
              const ok =
                hidden.length >= 1 &&
                hidden.length <= NETWORK_LIMITS.hiddenLayers &&
                hidden.every((w) => Number.isInteger(w) && w >= 1 && w <= NETWORK_LIMITS.width[1]);
              if (ok) setSpec({ hidden });
              else event.target.value = spec.hidden.join(', ');
            }}
          />
        </label>
        <span id="network-hidden-help" className="network-help">
          widths, e.g. 16, 16 (1–{NETWORK_LIMITS.width[1]} each, up to {NETWORK_LIMITS.hiddenLayers}{' '}
          layers)
        </span>
        <label>
          Activation
          <select
            value={spec.activation}
            onChange={(event) => setSpec({ activation: event.target.value as Activation })}
          >
            {ACTIVATIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Plane
          <select
            value={spec.plane}
            onChange={(event) => setSpec({ plane: event.target.value as PlaneKind })}
          >
            <option value="pca">PCA of the paths</option>
            <option value="random">Random, filter-normalised</option>
          </select>
        </label>
        <label>
          Grid
          <select
            value={spec.grid}
            onChange={(event) => setSpec({ grid: Number(event.target.value) })}
          >
            {GRID_SIDES.map((side) => (
              <option key={side} value={side}>
                {side} × {side}
              </option>
            ))}
          </select>
        </label>
        <label>
          Steps
          <input
            type="number"
            min={NETWORK_LIMITS.steps[0]}
            max={NETWORK_LIMITS.steps[1]}
            defaultValue={spec.steps}
            key={spec.steps}
            onBlur={(event) => {
              const steps = Math.round(Number(event.target.value));
              if (steps >= NETWORK_LIMITS.steps[0] && steps <= NETWORK_LIMITS.steps[1])
                setSpec({ steps });
              else event.target.value = String(spec.steps);
            }}
          />
        </label>
      </form>
      <div className="network-status" role="status" aria-live="polite">
        {phase.kind === 'training' && <>Training {visibleRuns.length} runs… </>}
        {phase.kind === 'landscape' && (
          <>
            Sampling the {spec.grid} × {spec.grid} landscape on 2 workers…{' '}
          </>
        )}
        {busy && (
          // Of constant width, so that the Cancel button beside it stays put; a new one per phase.
          <span key={phase.kind} ref={progressText} className="network-percent">
            {percentText(0)}
          </span>
        )}
        {phase.kind === 'ready' && <>Landscape ready.</>}
        {phase.kind === 'cancelled' && (
          <>Cancelled: nothing is computing. Train again to draw the landscape.</>
        )}
        {phase.kind === 'failed' && <>Could not compute: {phase.message}</>}
        {busy ? (
          <button type="button" className="small-button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          phase.kind !== 'ready' && (
            <button type="button" className="small-button" onClick={retry}>
              Train again
            </button>
          )
        )}
      </div>
      <div className="network-body">
        <figure className="network-plane">
          {show3d && (
            <Suspense fallback={<p className="plot3d-loading">Loading the 3D view…</p>}>
              <NetworkPlot3d
                landscape={landscape?.sampled ?? null}
                paths={trained?.projections ?? NO_PATHS}
                colours={colours}
                pathsNote={LIFTED_PATHS_NOTE}
              />
            </Suspense>
          )}
          {/* Kept (hidden) in 3D: it is drawn as the experiment goes, ready to come back. */}
          <div className="network-plot" ref={plotElement} hidden={show3d}>
            <canvas
              ref={contourCanvas}
              data-testid="network-contours"
              data-ready={landscape ? 'true' : 'false'}
              aria-label="Loss contours over the plane"
              role="img"
            />
            <canvas
              ref={pathCanvas}
              data-testid="network-paths"
              aria-label="The runs' paths projected onto the plane"
              role="img"
            />
          </div>
          {/* Under the plot, not over it: wherever it sat over the paths it hid some of them, and
              over the path canvas redrawn every frame it cost the page dropped frames. */}
          <ul className="network-legend" aria-label="Legend" data-testid="legend">
            {visibleRuns.map((run, r) => (
              <li key={run.id}>
                <MarkerIcon {...styles[r]} size={14} />
                {run.label}
              </li>
            ))}
          </ul>
          <figcaption>
            {plane?.kind === 'pca' && plane.axisShare
              ? `PCA plane of all runs' weight paths: the axes hold ${(100 * plane.axisShare[0]).toFixed(0)} % and ${(100 * plane.axisShare[1]).toFixed(0)} % of their variance.`
              : plane
                ? "Two random, filter-normalised directions around the first run's end point (Li et al. 2018); units are one filter norm."
                : ''}{' '}
            This is a 2D slice of a {parameters}-dimensional loss: it shows the loss exactly on this
            plane, but a path that leaves the plane is drawn at its shadow, and valleys, barriers or
            sharpness in the other {parameters - 2} directions are invisible.
            {show3d && ` ${LIFTED_PATHS_NOTE}`}
            {problem3d && ` ${problem3d}`}
          </figcaption>
          <canvas
            ref={chartCanvas}
            className="network-chart"
            aria-label="Train (solid) and test (dashed) loss per run"
            role="img"
          />
        </figure>
        <div className="network-runs">
          {/* Focusable, so that a keyboard can scroll it where it is wider than the screen. */}
          <div className="network-table" tabIndex={0} role="group" aria-label="Each run's numbers">
            <table>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">train loss</th>
                  <th scope="col">test loss</th>
                  <th scope="col">train acc.</th>
                  <th scope="col">test acc.</th>
                  <th scope="col">in plane</th>
                  <th scope="col">off plane</th>
                </tr>
              </thead>
              <tbody>
                {visibleRuns.map((run, r) => {
                  const history = trained?.histories[r];
                  return (
                    <tr key={run.id} data-testid="network-run">
                      <th scope="row" style={{ color: colours[r] }}>
                        {run.label}
                        {history?.issue && <small> ({history.issue})</small>}
                        {history && history.divergedAt >= 0 && (
                          <small> diverged at {history.divergedAt}</small>
                        )}
                      </th>
                      {[0, 1, 2, 3].map((k) => (
                        <td
                          key={k}
                          ref={(element) => void (metricCells.current[r * 4 + k] = element)}
                        >
                          —
                        </td>
                      ))}
                      <td>{plane ? `${(100 * plane.explained[r]).toFixed(0)} %` : '—'}</td>
                      <td>{plane ? plane.offPlane[r].toPrecision(2) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="network-decisions">
            {visibleRuns.map((run, r) => (
              <figure key={run.id}>
                <canvas
                  ref={(element) => void (decisionCanvases.current[r] = element)}
                  style={{ width: DECISION, height: DECISION }}
                  data-testid="network-decision"
                  aria-label={`${run.label}: predicted class over the data`}
                  role="img"
                />
                <figcaption style={{ color: colours[r] }}>{run.label}</figcaption>
              </figure>
            ))}
          </div>
          <p className="network-help">
            “in plane”: the share of the run’s path variance the plane holds; “off plane”: how far
            its end point lies from the plane. Newton is limited to {NEWTON_MAX_PARAMETERS}{' '}
            parameters (it builds the full Hessian). Minibatches follow the batch size control.
          </p>
        </div>
      </div>
    </section>
  );
}
