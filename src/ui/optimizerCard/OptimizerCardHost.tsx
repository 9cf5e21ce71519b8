import { lazy, Suspense } from 'react';
import { useOpenCard } from './cardState.ts';

const OptimizerCard = lazy(() => import('./OptimizerCard.tsx'));

/** Mounts the (lazily loaded) optimizer card while one is open. */
export function OptimizerCardHost() {
  const runId = useOpenCard();
  if (runId === null) return null;
  return (
    <Suspense fallback={null}>
      <OptimizerCard runId={runId} />
    </Suspense>
  );
}
