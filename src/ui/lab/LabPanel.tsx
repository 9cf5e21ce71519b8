/**
 * The optimizer lab: sweeps, heatmaps, basin maps and a leaderboard, computed in a pool of Workers
 * while the main view keeps playing. Loaded lazily (`React.lazy`) when the Lab button is pressed.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { labCsv } from '../../core/lab/csv.ts';
import { experimentFromScene, experimentKey } from '../../core/lab/plan.ts';
import { type LeaderboardRow, type SweepResult } from '../../core/lab/score.ts';
import { labRunLabel, sceneWithLabRun } from '../../core/lab/load.ts';
import { defaultLabSpec, withAxis, type LabSpec } from '../../core/lab/spec.ts';
import type { Point } from '../../core/geometry.ts';
import { findPreset, resolvePreset } from '../../core/optimizers/presets.ts';
import type { ParamValue } from '../../core/optimizers/types.ts';
import { LabRunner, type LabStatus } from '../../playback/labRunner.ts';
import { defaultPoolSize, LabPool } from '../../playback/labPool.ts';
import { useApp, useServices } from '../appContext.ts';
import { formatNumber } from '../format.ts';
import { BasinMaps } from './BasinMaps.tsx';
import { Heatmaps } from './Heatmaps.tsx';
import { LabForm } from './LabForm.tsx';
import { Leaderboard } from './Leaderboard.tsx';
import { SweepChart } from './SweepChart.tsx';
import './lab.css';

/** A scene edit (pan, zoom, a new seed) re-runs the lab's experiment after this pause. */
const RERUN_DELAY_MS = 400;

function Progress({ status, workers }: { status: LabStatus; workers: number }) {
  if (status.state === 'running') {
    const { done, total } = status.progress;
    const left =
      status.secondsLeft === null
        ? 'estimating time left'
        : `about ${formatNumber(Math.ceil(status.secondsLeft))} s left`;
    return (
      <div className="lab-progress">
        <progress aria-label="Experiment progress" value={done} max={total} />
        <span role="status">
          {Math.floor((100 * done) / total)}% · {left}
        </span>
      </div>
    );
  }
  const text =
    status.state === 'done'
      ? status.cached
        ? 'Done (from the cache).'
        : `Done in ${formatNumber(status.seconds)} s on ${workers} worker${workers > 1 ? 's' : ''}.`
      : status.state === 'cancelled'
        ? 'Cancelled.'
        : status.state === 'error'
          ? `The experiment failed: ${status.message}`
          : '';
  return (
    <p className="lab-progress" role="status">
      {text}
    </p>
  );
}

function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Best swept lr per preset, for carrying into a basin map. */
function bestLrsOf(result: SweepResult): Record<string, number> {
  return Object.fromEntries(
    result.leaderboard.map((row) => [result.optimizers[row.optimizer].preset, row.lr]),
  );
}

export default function LabPanel({
  onClose,
  onLoaded,
  folded,
}: {
  onClose(): void;
  /** A run was loaded into the main view. */
  onLoaded(): void;
  /** Hidden, results kept, while the main view plays a loaded run (narrow screens). */
  folded: boolean;
}) {
  const { store, controller } = useServices();
  const workers = defaultPoolSize(navigator.hardwareConcurrency);
  const [runner] = useState(() => new LabRunner(new LabPool(workers)));
  useEffect(() => () => runner.dispose(), [runner]);
  const status = useSyncExternalStore(runner.subscribe, () => runner.status);
  const [lastSweep, setLastSweep] = useState<SweepResult | null>(null);
  const [loaded, setLoaded] = useState('');

  const lab = useApp((s) => s.scene.lab);
  const surface = useApp((s) => s.scene.surface);
  const view = useApp((s) => s.scene.view);
  const seed = useApp((s) => s.scene.seed);
  const noise = useApp((s) => s.scene.noise);
  const experiment = useMemo(
    () =>
      lab
        ? experimentFromScene({ ...store.getState().scene, surface, view, seed, noise }, lab)
        : null,
    [store, lab, surface, view, seed, noise],
  );
  const key = experiment ? experimentKey(experiment) : null;

  // The experiment follows the scene: a linked lab runs on arrival, a panned view re-runs.
  useEffect(() => {
    if (!experiment || key === null) return;
    const current = runner.status;
    if (current.state !== 'idle' && current.key === key) return;
    const timer = setTimeout(() => runner.start(experiment), RERUN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [runner, experiment, key]);

  const run = (spec: LabSpec) => {
    store.getState().setLab(spec);
    runner.start(experimentFromScene(store.getState().scene, spec));
  };

  const load = (
    presetId: string,
    params: Record<string, ParamValue>,
    axis: 'momentum' | 'beta1' | null,
    start?: Point,
  ) => {
    const scene = sceneWithLabRun(store.getState().scene, presetId, params, axis, start);
    store.getState().loadScene(scene);
    store.getState().play();
    const label = labRunLabel(findPreset(presetId)?.label ?? presetId, params, axis);
    setLoaded(`Loaded ${label} into the main view.`);
    onLoaded();
  };

  // While open, the page leaves the lab its side of the screen (lab.css, wide screens only).
  useEffect(() => {
    if (folded) return;
    const root = document.documentElement;
    root.dataset.labOpen = '';
    return () => void delete root.dataset.labOpen;
  }, [folded]);

  const result = status.state === 'done' && lab ? status.result : null;
  // The last sweep's best lrs stay on offer for a basin map after it.
  if (result && result.kind !== 'basins' && result !== lastSweep) setLastSweep(result);
  const bestLrs = lastSweep ? bestLrsOf(lastSweep) : null;

  const pickCell = (sweep: SweepResult, index: number) => {
    const cell = sweep.cells[index];
    const optimizer = sweep.optimizers[cell.optimizer];
    let params: Record<string, ParamValue> = { ...optimizer.params, lr: cell.lr };
    if (optimizer.axis && cell.axisValue !== null)
      params = withAxis(params, optimizer.axis, cell.axisValue);
    load(optimizer.preset, params, cell.axisValue === null ? null : optimizer.axis);
  };
  const loadRow = (sweep: SweepResult, row: LeaderboardRow) => {
    const index = sweep.cells.findIndex(
      (cell) =>
        cell.optimizer === row.optimizer && cell.lr === row.lr && cell.axisValue === row.axisValue,
    );
    pickCell(sweep, index);
  };

  return (
    <aside id="lab-panel" className="lab-panel" aria-labelledby="lab-heading" hidden={folded}>
      <header className="lab-header">
        <h2 id="lab-heading">Optimizer lab</h2>
        <p className="lab-muted">
          Which optimizer suits {controller.surface.name}? Every optimizer, many learning rates,
          many starts — not one hand-tuned race.
        </p>
        <button type="button" className="small-button" aria-label="Close the lab" onClick={onClose}>
          ✕
        </button>
      </header>
      <LabForm
        initial={lab ?? defaultLabSpec()}
        running={status.state === 'running'}
        workers={workers}
        bestLrs={bestLrs}
        onRun={run}
        onCancel={() => runner.cancel()}
      />
      <Progress status={status} workers={workers} />
      <p className="visually-hidden" role="status">
        {loaded}
      </p>
      {result && lab && (
        <div className="lab-results">
          <button
            type="button"
            onClick={() =>
              download(
                labCsv(result, lab),
                `descent-lab-${lab.kind}-${controller.surface.name.toLowerCase().replace(/\W+/g, '-')}.csv`,
              )
            }
          >
            Download CSV
          </button>
          {result.kind === 'sweep' && (
            <SweepChart result={result} onPick={(i) => pickCell(result, i)} />
          )}
          {result.kind === 'heatmap' && (
            <Heatmaps result={result} onPick={(i) => pickCell(result, i)} />
          )}
          {result.kind !== 'basins' && (
            <Leaderboard result={result} spec={lab} onLoad={(row) => loadRow(result, row)} />
          )}
          {result.kind === 'basins' && (
            <BasinMaps
              result={result}
              onPick={(map, start) => {
                const preset = findPreset(result.maps[map].preset)!;
                const params = { ...resolvePreset(preset).params, lr: result.maps[map].lr };
                load(preset.id, params, null, start);
              }}
            />
          )}
        </div>
      )}
    </aside>
  );
}
