import { lazy, Suspense, useState } from 'react';
import { labSpecs } from '../../core/lab/onDemand.ts';
import { useActions, useApp } from '../appContext.ts';

/**
 * The lab's code (charts, worker pool) loads only when someone opens it, with the experiment
 * checks and link codec: the panel puts its experiment into the scene, and so into the address.
 */
const LabPanel = lazy(
  async () => (await Promise.all([import('./LabPanel.tsx'), labSpecs.load()]))[0],
);

/**
 * The Lab button in the top bar and, when open, the lab panel beside the plot. A scene that holds an
 * experiment (a shared link) opens it; closing the lab takes the experiment out of the scene.
 */
export function LabEntry() {
  const hasLab = useApp((s) => s.scene.lab !== undefined);
  const actions = useActions();
  const [opened, setOpened] = useState(false);
  const open = opened || hasLab;
  const close = () => {
    setOpened(false);
    actions.setLab(undefined);
  };
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="lab-panel"
        onClick={() => (open ? close() : setOpened(true))}
        title="Compare optimizers over many learning rates and starts"
      >
        Lab
      </button>
      {open && (
        <Suspense
          fallback={
            <p className="lab-loading" role="status">
              Loading the lab…
            </p>
          }
        >
          <LabPanel onClose={close} />
        </Suspense>
      )}
    </>
  );
}
