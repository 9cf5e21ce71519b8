/**
 * Export: the plot as PNG (2×) or SVG, the run as an animated GIF or a WebM video, the paths as CSV
 * or JSON, and one run as a PyTorch script. Loaded on first use, with everything it needs.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { pytorchScript } from '../../core/export/pytorch.ts';
import {
  exportTooBig,
  trajectoriesToCsv,
  trajectoriesToJson,
  type TrajectoryExportInput,
} from '../../core/export/trajectories.ts';
import { recordGif, recordWebm, webmType } from '../../render/export/animation.ts';
import type { ExportPlot } from '../../render/export/plotPainter.ts';
import { PlotRasterizer } from '../../render/export/raster.ts';
import { plotToSvg } from '../../render/export/svg.ts';
import { useApp, useServices } from '../appContext.ts';
import { copyText, COPY_MESSAGES } from '../share/clipboard.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { currentPlot, download } from './exportPlot.ts';
import './export.css';

/** PNG exports are drawn at twice the CSS size: sharp on high-density screens and in print. */
const PNG_PIXEL_RATIO = 2;
/** Animations wider than this are scaled down: GIFs grow fast with size. */
const ANIMATION_MAX_WIDTH = 800;

interface Progress {
  label: string;
  done: number;
  total: number;
}

export default function ExportDialog({ onClose }: { onClose(): void }) {
  const { store, controller } = useServices();
  const scene = useApp((s) => s.scene);
  const ids = useId();
  // What is exported is what is on screen when the dialog opened (opening it pauses playback).
  const [step] = useState(() => controller.step);
  const [frames, setFrames] = useState(60);
  const [fps, setFps] = useState(15);
  const [range, setRange] = useState<'screen' | 'all'>(step > 0 ? 'screen' : 'all');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useState('');
  const [runId, setRunId] = useState(
    () => (scene.runs.find((run) => run.visible) ?? scene.runs[0]).id,
  );
  const abort = useRef<AbortController | null>(null);
  const scriptField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const surface = controller.surface;
  const simulation = controller.simulation;
  const lastAnimationStep = range === 'screen' ? step : simulation.stepBudget;
  const fileStem = `descent-lab-${'id' in surface.source ? surface.source.id : 'custom'}`;
  const busy = progress !== null;

  const data: TrajectoryExportInput = {
    scene,
    surface: { name: surface.name, formula: surface.formula, functions: surface.functions },
    runs: simulation.runs,
    lastStep: step,
  };
  const dataTooBig = exportTooBig(data);
  const run = scene.runs.find((r) => r.id === runId) ?? scene.runs[0];
  const runIndex = scene.runs.indexOf(run);
  const script = useMemo(() => {
    const path = simulation.runs[runIndex].positions;
    return pytorchScript({
      surfaceName: surface.name,
      formula: surface.formula,
      run,
      start: [path.get(0, 0), path.get(0, 1)],
      steps: simulation.stepBudget,
      noise: { sigma: scene.noise, seed: scene.seed },
    });
  }, [simulation, runIndex, surface, run, scene.noise, scene.seed]);

  /** Runs one export with the plot as on screen; errors become a message, cancel is quiet. */
  const runExport = async (
    label: string,
    make: (plot: ExportPlot, signal: AbortSignal) => Promise<void>,
  ) => {
    const controllerOfAbort = new AbortController();
    abort.current = controllerOfAbort;
    setStatus('');
    setProgress({ label, done: 0, total: 0 });
    try {
      const plotArea = document.querySelector<HTMLElement>('.plot-area');
      if (!plotArea) throw new Error('the plot is not on screen');
      const plot = await currentPlot(store, controller, plotArea);
      await make(plot, controllerOfAbort.signal);
      if (!controllerOfAbort.signal.aborted) setStatus(`${label}: saved.`);
    } catch (error) {
      setStatus(
        error instanceof DOMException && error.name === 'AbortError'
          ? `${label}: cancelled.`
          : `${label} failed: ${(error as Error).message}`,
      );
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const animationOptions = (plot: ExportPlot) => ({
    lastStep: lastAnimationStep,
    frames,
    fps,
    pixelRatio: Math.min(1, ANIMATION_MAX_WIDTH / plot.viewport.width),
  });
  const onFrame = (label: string) => (done: number, total: number) =>
    setProgress({ label, done, total });

  const exports = {
    png: () =>
      runExport('PNG', async (plot) => {
        const canvas = new PlotRasterizer(plot, PNG_PIXEL_RATIO).render(step);
        const blob = await new Promise<Blob | null>((resolve) =>
          canvas.toBlob(resolve, 'image/png'),
        );
        if (!blob) throw new Error('the browser could not encode the PNG');
        download(blob, `${fileStem}-step${step}.png`);
      }),
    svg: () =>
      runExport('SVG', async (plot) => {
        download(
          new Blob([plotToSvg(plot, step)], { type: 'image/svg+xml' }),
          `${fileStem}-step${step}.svg`,
        );
      }),
    gif: () =>
      runExport('GIF', async (plot, signal) => {
        const blob = await recordGif(plot, animationOptions(plot), onFrame('GIF'), signal);
        download(blob, `${fileStem}-0-${lastAnimationStep}.gif`);
      }),
    webm: () =>
      runExport('WebM', async (plot, signal) => {
        const blob = await recordWebm(plot, animationOptions(plot), onFrame('WebM'), signal);
        download(blob, `${fileStem}-0-${lastAnimationStep}.webm`);
      }),
    csv: () =>
      download(
        new Blob([trajectoriesToCsv(data)], { type: 'text/csv' }),
        `${fileStem}-step${step}.csv`,
      ),
    json: () =>
      download(
        new Blob([JSON.stringify(trajectoriesToJson(data))], { type: 'application/json' }),
        `${fileStem}-step${step}.json`,
      ),
  };
  const webmUnsupported = webmType() === null;

  return (
    <ModalDialog title="Export" onClose={onClose} className="export-dialog">
      <p className="export-note">
        Everything is exported as it is on screen at step {step} (playback is paused), with every
        visible run on one plot.
      </p>
      <section aria-labelledby={`${ids}-image`}>
        <h3 id={`${ids}-image`}>Picture</h3>
        <div className="export-buttons">
          <button type="button" onClick={exports.png} disabled={busy}>
            PNG (2×)
          </button>
          <button type="button" onClick={exports.svg} disabled={busy}>
            SVG
          </button>
        </div>
      </section>

      <section aria-labelledby={`${ids}-animation`}>
        <h3 id={`${ids}-animation`}>Animation</h3>
        <fieldset disabled={busy}>
          <legend>Steps and timing</legend>
          <label>
            Steps
            <select
              value={range}
              onChange={(event) => setRange(event.currentTarget.value === 'all' ? 'all' : 'screen')}
            >
              <option value="screen" disabled={step === 0}>
                0 to {step} (on screen)
              </option>
              <option value="all">0 to {simulation.stepBudget} (all)</option>
            </select>
          </label>
          <label>
            Frames
            <input
              type="number"
              min={2}
              max={600}
              value={frames}
              onChange={(event) =>
                setFrames(
                  Math.min(600, Math.max(2, Math.round(Number(event.currentTarget.value)) || 2)),
                )
              }
            />
          </label>
          <label>
            Frames per second
            <input
              type="number"
              min={1}
              max={60}
              value={fps}
              onChange={(event) =>
                setFps(
                  Math.min(60, Math.max(1, Math.round(Number(event.currentTarget.value)) || 1)),
                )
              }
            />
          </label>
        </fieldset>
        <div className="export-buttons">
          <button type="button" onClick={exports.gif} disabled={busy}>
            GIF
          </button>
          <button
            type="button"
            onClick={exports.webm}
            disabled={busy || webmUnsupported}
            aria-describedby={webmUnsupported ? `${ids}-webm` : undefined}
          >
            WebM video
          </button>
          {webmUnsupported && (
            <span id={`${ids}-webm`} className="export-reason">
              This browser cannot record video.
            </span>
          )}
        </div>
      </section>

      {progress && (
        <div className="export-progress">
          <label>
            {progress.label}
            {progress.total > 0 ? `: frame ${progress.done} of ${progress.total}` : ': preparing…'}
            <progress
              max={Math.max(1, progress.total)}
              value={progress.total > 0 ? progress.done : undefined}
            />
          </label>
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}

      <section aria-labelledby={`${ids}-data`}>
        <h3 id={`${ids}-data`}>Trajectories</h3>
        <p className="export-note">
          step, run, particle, x, y, loss, grad_x, grad_y, grad_norm, for steps 0 to {step}.
        </p>
        <div className="export-buttons">
          <button type="button" onClick={exports.csv} disabled={busy || !!dataTooBig}>
            CSV
          </button>
          <button type="button" onClick={exports.json} disabled={busy || !!dataTooBig}>
            JSON
          </button>
          {dataTooBig && <span className="export-reason">{dataTooBig}</span>}
        </div>
      </section>

      <section aria-labelledby={`${ids}-torch`}>
        <h3 id={`${ids}-torch`}>Copy as PyTorch</h3>
        <label className="export-run">
          Run
          <select value={run.id} onChange={(event) => setRunId(event.currentTarget.value)}>
            {scene.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {script.ok ? (
          <div className="copy-row">
            <textarea
              ref={scriptField}
              readOnly
              value={script.script}
              rows={10}
              aria-label="PyTorch script"
              spellCheck={false}
              wrap="off"
            />
            <button
              type="button"
              onClick={async () =>
                setStatus(COPY_MESSAGES[await copyText(script.script, scriptField.current)])
              }
            >
              Copy as PyTorch
            </button>
          </div>
        ) : (
          <p className="export-reason">{script.reason}</p>
        )}
      </section>

      <p className="copy-status" role="status">
        {status}
      </p>
    </ModalDialog>
  );
}
