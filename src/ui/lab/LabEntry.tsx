import { lazy, Suspense, useCallback, useState } from 'react';
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
 * From this width the lab docks beside the plot (lab.css has the same number): the plot keeps the
 * rest of the screen, so a run loaded from the lab is seen with the lab still open. Narrower, the
 * lab covers the plot, so loading a run folds it away until "Back to lab".
 */
const DOCKED_QUERY = '(min-width: 1000px)';

/**
 * The Lab button in the top bar and, when open, the lab panel beside the plot. A scene that holds an
 * experiment (a shared link) opens it; closing the lab takes the experiment out of the scene.
 */
export function LabEntry() {
  const hasLab = useApp((s) => s.scene.lab !== undefined);
  const actions = useActions();
  const [opened, setOpened] = useState(false);
  /** Folded away after loading a run on a narrow screen; the panel (and its results) stays mounted. */
  const [folded, setFolded] = useState(false);
  const open = opened || hasLab;
  const close = () => {
    setOpened(false);
    setFolded(false);
    actions.setLab(undefined);
  };
  const loaded = useCallback(() => {
    if (!window.matchMedia(DOCKED_QUERY).matches) setFolded(true);
  }, []);
  return (
    <>
      <button
        type="button"
        aria-expanded={open && !folded}
        aria-controls="lab-panel"
        onClick={() => {
          if (folded) setFolded(false);
          else if (open) close();
          else setOpened(true);
        }}
        title="Compare optimizers over many learning rates and starts"
      >
        {folded ? 'Back to lab' : 'Lab'}
      </button>
      {open && (
        <Suspense
          fallback={
            <p className="lab-loading" role="status">
              Loading the lab…
            </p>
          }
        >
          <LabPanel onClose={close} onLoaded={loaded} folded={folded} />
        </Suspense>
      )}
    </>
  );
}
