import { lazy, Suspense } from 'react';
import { distributedSgd } from '../../core/distributed/distributedSgd.ts';
import { useApp } from '../appContext.ts';

const CommunicationPanel = lazy(() => import('./CommunicationPanel.tsx'));

/** The communication chart, loaded only once a scene has a distributed run. */
export function CommunicationHost() {
  const hasDistributed = useApp((s) =>
    s.scene.runs.some((run) => run.optimizer === distributedSgd.name),
  );
  if (!hasDistributed) return null;
  return (
    <Suspense fallback={null}>
      <CommunicationPanel />
    </Suspense>
  );
}
