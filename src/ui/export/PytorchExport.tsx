import { useMemo, useRef, useState } from 'react';
import { networkPytorchScript } from '../../core/export/networkPytorch.ts';
import { pytorchScript } from '../../core/export/pytorch.ts';
import { buildExperiment } from '../../core/nn/experiment.ts';
import { useApp, useServices } from '../appContext.ts';
import { copyText, COPY_MESSAGES } from '../share/clipboard.ts';
import type { ExportSectionProps } from './useExportJob.ts';

/** One run as a runnable PyTorch script, to copy. */
export function PytorchExport({ ids, job }: ExportSectionProps) {
  const { controller } = useServices();
  const scene = useApp((s) => s.scene);
  const [runId, setRunId] = useState(
    () => (scene.runs.find((run) => run.visible) ?? scene.runs[0]).id,
  );
  const scriptField = useRef<HTMLTextAreaElement>(null);
  const { surface, simulation } = controller;
  const run = scene.runs.find((r) => r.id === runId) ?? scene.runs[0];
  const runIndex = scene.runs.indexOf(run);
  const script = useMemo(() => {
    // The network view: the script trains the same net on the same data from the same weights.
    if (scene.network) {
      const experiment = buildExperiment(scene.network, scene.seed);
      return networkPytorchScript(experiment, run, scene.network.steps, scene.batchSize);
    }
    const path = simulation.runs[runIndex].positions;
    return pytorchScript({
      surfaceName: surface.name,
      formula: surface.formula,
      run,
      start: [path.get(0, 0), path.get(0, 1)],
      steps: simulation.stepBudget,
      noise: { sigma: scene.noise, seed: scene.seed },
    });
  }, [simulation, runIndex, surface, run, scene.noise, scene.seed, scene.network, scene.batchSize]);

  return (
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
              job.setStatus(COPY_MESSAGES[await copyText(script.script, scriptField.current)])
            }
          >
            Copy as PyTorch
          </button>
        </div>
      ) : (
        <p className="export-reason">{script.reason}</p>
      )}
    </section>
  );
}
