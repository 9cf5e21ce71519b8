/**
 * Export: the plot as PNG (2×) or SVG, the run as an animated GIF or a WebM video, the paths as CSV
 * or JSON, and one run as a PyTorch script — one section (component) per kind. Loaded on first
 * use, with everything it needs.
 */
import { useId, useState } from 'react';
import { useApp, useServices } from '../appContext.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { AnimationExport } from './AnimationExport.tsx';
import { shows3d } from './exportPlot.ts';
import { PictureExport } from './PictureExport.tsx';
import { PytorchExport } from './PytorchExport.tsx';
import { TrajectoryExport } from './TrajectoryExport.tsx';
import { useExportJob, type ExportSectionProps } from './useExportJob.ts';
import './export.css';

export default function ExportDialog({ onClose }: { onClose(): void }) {
  const { controller } = useServices();
  const ids = useId();
  // What is exported is what is on screen when the dialog opened (opening it pauses playback).
  const [step] = useState(() => controller.step);
  const job = useExportJob();
  const in3d = useApp((s) => shows3d(s.scene));
  const source = controller.surface.source;
  const section: ExportSectionProps = {
    ids,
    step,
    fileStem: `descent-lab-${'id' in source ? source.id : 'custom'}`,
    job,
    in3d,
  };
  const { progress } = job;

  return (
    <ModalDialog title="Export" onClose={onClose} className="export-dialog">
      <p className="export-note">
        Everything is exported as it is on screen at step {step} (playback is paused), with every
        visible run on one plot.
        {in3d &&
          ' The PNG and the animations show the 3D view from its camera; the SVG, the 2D plot.'}
      </p>
      <PictureExport {...section} />
      <AnimationExport {...section} />
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
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        </div>
      )}
      <TrajectoryExport {...section} />
      <PytorchExport {...section} />
      <p className="copy-status" role="status">
        {job.status}
      </p>
    </ModalDialog>
  );
}
