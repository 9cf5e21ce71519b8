import { useEffect, useRef, useState } from 'react';
import type { ExportPlot } from '../../render/export/plotPainter.ts';
import { useServices } from '../appContext.ts';
import { currentPlot } from './exportPlot.ts';

export interface ExportProgress {
  label: string;
  done: number;
  total: number;
}

export interface ExportJob {
  /** The job under way, or null. */
  progress: ExportProgress | null;
  busy: boolean;
  /** The last job's outcome ("PNG: saved.", a copy message), read out by a status region. */
  status: string;
  setStatus(status: string): void;
  setProgress(progress: ExportProgress): void;
  /** Runs one export with the plot as on screen; errors become a message, cancel is quiet. */
  run(label: string, make: (plot: ExportPlot, signal: AbortSignal) => Promise<void>): Promise<void>;
  cancel(): void;
}

/** What every section gets: ids for labels, the step exported, the file name's stem, the job. */
export interface ExportSectionProps {
  ids: string;
  step: number;
  fileStem: string;
  job: ExportJob;
  /** The plot is shown in 3D: pictures and animations are of the 3D view. */
  in3d: boolean;
}

/** One export at a time for the whole dialog: its progress, its status line and its Cancel. */
export function useExportJob(): ExportJob {
  const { store, controller } = useServices();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [status, setStatus] = useState('');
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const run: ExportJob['run'] = async (label, make) => {
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
  return {
    progress,
    busy: progress !== null,
    status,
    setStatus,
    setProgress,
    run,
    cancel: () => abort.current?.abort(),
  };
}
