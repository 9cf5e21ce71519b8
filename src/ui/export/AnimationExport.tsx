import { useState } from 'react';
import { recordGif, recordWebm, webmType } from '../../render/export/animation.ts';
import type { ExportPlot } from '../../render/export/plotPainter.ts';
import { useServices } from '../appContext.ts';
import { download } from './exportPlot.ts';
import type { ExportSectionProps } from './useExportJob.ts';

/** Animations wider than this are scaled down: GIFs grow fast with size. */
const ANIMATION_MAX_WIDTH = 800;
/** A slow orbit turns the 3D view's camera this far over the whole animation. */
const SLOW_ORBIT_DEGREES = 90;

/** The race from step 0 as an animated GIF or a WebM video. */
export function AnimationExport({ ids, step, fileStem, job, in3d }: ExportSectionProps) {
  const { controller } = useServices();
  const stepBudget = controller.simulation.stepBudget;
  const [frames, setFrames] = useState(60);
  const [fps, setFps] = useState(15);
  const [orbit, setOrbit] = useState(false);
  const [range, setRange] = useState<'screen' | 'all'>(step > 0 ? 'screen' : 'all');
  const lastStep = range === 'screen' ? step : stepBudget;
  const webmUnsupported = webmType() === null;

  const options = (plot: ExportPlot) => ({
    lastStep,
    frames,
    fps,
    pixelRatio: Math.min(1, ANIMATION_MAX_WIDTH / plot.viewport.width),
    orbitDegrees: in3d && orbit ? SLOW_ORBIT_DEGREES : 0,
  });
  const onFrame = (label: string) => (done: number, total: number) =>
    job.setProgress({ label, done, total });
  const gif = () =>
    job.run('GIF', async (plot, signal) => {
      const blob = await recordGif(plot, options(plot), onFrame('GIF'), signal);
      download(blob, `${fileStem}${in3d ? '-3d' : ''}-0-${lastStep}.gif`);
    });
  const webm = () =>
    job.run('WebM', async (plot, signal) => {
      const blob = await recordWebm(plot, options(plot), onFrame('WebM'), signal);
      download(blob, `${fileStem}${in3d ? '-3d' : ''}-0-${lastStep}.webm`);
    });

  return (
    <section aria-labelledby={`${ids}-animation`}>
      <h3 id={`${ids}-animation`}>Animation</h3>
      <fieldset disabled={job.busy}>
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
            <option value="all">0 to {stepBudget} (all)</option>
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
              setFps(Math.min(60, Math.max(1, Math.round(Number(event.currentTarget.value)) || 1)))
            }
          />
        </label>
        {in3d && (
          <label>
            <input
              type="checkbox"
              checked={orbit}
              onChange={(event) => setOrbit(event.currentTarget.checked)}
            />
            Slow orbit (the camera turns {SLOW_ORBIT_DEGREES}°)
          </label>
        )}
      </fieldset>
      <div className="export-buttons">
        <button type="button" onClick={gif} disabled={job.busy}>
          GIF
        </button>
        <button
          type="button"
          onClick={webm}
          disabled={job.busy || webmUnsupported}
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
  );
}
