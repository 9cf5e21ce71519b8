import { lazy, Suspense, useState } from 'react';
import { datasetOf } from '../../core/data/dataset.ts';
import { useApp, useServices } from '../appContext.ts';

const BatchSizeSlider = lazy(() => import('./BatchSizeSlider.tsx'));

/** The minibatch size that "Full batch" returns to when unticked, kept across surface changes. */
export interface BatchMemory {
  lastMinibatch: number;
  setLastMinibatch(size: number): void;
}

/** Minibatch size for dataset surfaces, only shown there: the slider loads with the first one. */
export function BatchSizeControl() {
  const { controller } = useServices();
  const dataset = useApp((s) => s.scene.surface) && datasetOf(controller.surface.functions);
  const [lastMinibatch, setLastMinibatch] = useState(10);
  if (!dataset) return null;
  return (
    <Suspense fallback={null}>
      <BatchSizeSlider
        dataset={dataset}
        lastMinibatch={lastMinibatch}
        setLastMinibatch={setLastMinibatch}
      />
    </Suspense>
  );
}
