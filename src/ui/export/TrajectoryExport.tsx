import {
  exportTooBig,
  trajectoriesToCsv,
  trajectoriesToJson,
  type TrajectoryExportInput,
} from '../../core/export/trajectories.ts';
import { useApp, useServices } from '../appContext.ts';
import { download } from './exportPlot.ts';
import type { ExportSectionProps } from './useExportJob.ts';

/** Every visible run's path up to the step on screen, as CSV or JSON. */
export function TrajectoryExport({ ids, step, fileStem, job }: ExportSectionProps) {
  const { controller } = useServices();
  const scene = useApp((s) => s.scene);
  const surface = controller.surface;
  const data: TrajectoryExportInput = {
    scene,
    surface: { name: surface.name, formula: surface.formula, functions: surface.functions },
    runs: controller.simulation.runs,
    lastStep: step,
  };
  const tooBig = exportTooBig(data);
  const csv = () =>
    download(
      new Blob([trajectoriesToCsv(data)], { type: 'text/csv' }),
      `${fileStem}-step${step}.csv`,
    );
  const json = () =>
    download(
      new Blob([JSON.stringify(trajectoriesToJson(data))], { type: 'application/json' }),
      `${fileStem}-step${step}.json`,
    );
  return (
    <section aria-labelledby={`${ids}-data`}>
      <h3 id={`${ids}-data`}>Trajectories</h3>
      <p className="export-note">
        step, run, particle, x, y, loss, grad_x, grad_y, grad_norm, for steps 0 to {step}.
      </p>
      <div className="export-buttons">
        <button type="button" onClick={csv} disabled={job.busy || !!tooBig}>
          CSV
        </button>
        <button type="button" onClick={json} disabled={job.busy || !!tooBig}>
          JSON
        </button>
        {tooBig && <span className="export-reason">{tooBig}</span>}
      </div>
    </section>
  );
}
