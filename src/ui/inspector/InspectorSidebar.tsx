import { lazy, Suspense, useEffect } from 'react';
import { useActions, useApp } from '../appContext.ts';
import { useRunNames } from '../useRunNames.ts';
import './inspector.css';

const CurvaturePanel = lazy(() => import('./CurvaturePanel.tsx'));
const AnatomyDetails = lazy(() => import('./AnatomyDetails.tsx'));

/** Picks the run whose next update is taken apart, and shows the parts once one is picked. */
function AnatomyCard() {
  const actions = useActions();
  const runs = useRunNames();
  const selected = useApp((s) => s.anatomyRunId);
  const index = runs.findIndex((run) => run.id === selected);
  // A removed run takes its anatomy with it (a later run could reuse its id).
  useEffect(() => {
    if (selected !== null && index < 0) actions.setAnatomyRun(null);
  }, [actions, selected, index]);
  return (
    <section className="anatomy-card" aria-label="Update anatomy">
      <header className="inspector-header">
        <h2>Update anatomy</h2>
        <label className="anatomy-picker">
          Anatomy of
          <select
            value={index >= 0 ? selected! : ''}
            onChange={(event) => actions.setAnatomyRun(event.currentTarget.value || null)}
          >
            <option value="">none</option>
            {runs.map(({ id, label }) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {index >= 0 ? (
        <Suspense fallback={null}>
          <AnatomyDetails runId={selected!} index={index} />
        </Suspense>
      ) : (
        <p className="inspector-hint">
          Pick a run to see what its next step is made of: the gradient, the momentum it carries
          and, for adaptive methods, the learning rate each direction gets.
        </p>
      )}
    </section>
  );
}

/** The sidebar's teaching tools: the curvature readout (when the inspector is on) and the anatomy. */
export function InspectorSidebar() {
  const inspect = useApp((s) => s.inspect);
  return (
    <>
      {inspect && (
        <Suspense fallback={null}>
          <CurvaturePanel />
        </Suspense>
      )}
      <AnatomyCard />
    </>
  );
}
