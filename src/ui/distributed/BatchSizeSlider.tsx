import type { Dataset } from '../../core/data/dataset.ts';
import { useActions, useApp } from '../appContext.ts';
import type { BatchMemory } from './BatchSizeControl.tsx';
import './batch.css';

/** Slider positions: the batch size grows geometrically, so 1 … 10 get as much room as 10 … N. */
const STEPS = 1000;

function batchAt(position: number, size: number): number {
  return Math.max(1, Math.min(size, Math.round(size ** (position / STEPS))));
}

function positionOf(batch: number, size: number): number {
  return Math.round((STEPS * Math.log(batch)) / Math.log(size));
}

/**
 * The minibatch slider of a dataset surface: each step's gradient comes from this many random
 * samples instead of all of them. The slider's far right and "Full batch" are the exact gradient.
 */
export default function BatchSizeSlider({
  dataset,
  lastMinibatch,
  setLastMinibatch,
}: { dataset: Dataset } & BatchMemory) {
  const actions = useActions();
  const batchSize = useApp((s) => s.scene.batchSize);
  const size = dataset.size;
  const full = batchSize === undefined || batchSize >= size;
  const shown = full ? size : batchSize;
  const choose = (batch: number) => {
    if (batch < size) setLastMinibatch(batch);
    actions.setBatchSize(batch >= size ? undefined : batch);
  };
  return (
    <div className="noise-controls batch-controls" role="group" aria-label="Minibatches">
      <label>
        Batch size
        <input
          type="range"
          min={0}
          max={STEPS}
          value={positionOf(shown, size)}
          aria-valuetext={full ? `all ${size} samples` : `${shown} of ${size} samples`}
          onChange={(event) => choose(batchAt(Number(event.currentTarget.value), size))}
        />
        <output>{full ? `all ${size}` : shown}</output>
      </label>
      <label>
        <input
          type="checkbox"
          checked={full}
          onChange={(event) =>
            choose(event.currentTarget.checked ? size : Math.min(lastMinibatch, size - 1))
          }
        />
        Full batch
      </label>
      <p className="batch-hint">
        Each step’s gradient averages {full ? `all ${size}` : `${shown} random`} of the {size}{' '}
        samples; the loss shown is always the full-data loss. Distributed runs use their own{' '}
        <code>batch_size</code>.
      </p>
    </div>
  );
}
