import { lazy, Suspense, type ReactNode } from 'react';
import { networkSpecs } from '../../core/nn/onDemand.ts';
import { useActions, useApp, useServices } from '../appContext.ts';

/** The network view's code (core/nn, its Workers' clients, drawing) loads when a scene needs it. */
const NetworkPanel = lazy(
  async () => (await Promise.all([import('./NetworkPanel.tsx'), networkSpecs.load()]))[0],
);

/** The Network button in the top bar: opens the network scene, or goes back to the surfaces. */
export function NetworkButton() {
  const open = useApp((s) => s.scene.network !== undefined);
  const actions = useActions();
  const { store } = useServices();
  const toggle = async () => {
    const scene = store.getState().scene;
    if (open) {
      const { network: _closed, ...rest } = scene;
      void _closed;
      await actions.loadScene(rest);
      return;
    }
    const [{ networkScene }] = await Promise.all([
      import('../../core/nn/networkScene.ts'),
      networkSpecs.load(),
    ]);
    await actions.loadScene(networkScene(scene));
  };
  return (
    <button
      type="button"
      aria-pressed={open}
      onClick={() => void toggle()}
      title="Train a small neural network with every optimizer and race across its loss landscape"
    >
      Network
    </button>
  );
}

/** In the stage: the network view when the scene holds a network experiment, else `children`. */
export function NetworkStage({ children }: { children: ReactNode }) {
  const open = useApp((s) => s.scene.network !== undefined);
  if (!open) return children;
  return (
    <Suspense
      fallback={
        <p className="network-loading" role="status">
          Loading the network view…
        </p>
      }
    >
      <NetworkPanel />
    </Suspense>
  );
}

/** Parts of the page about the 2D surface (its chart, its formula), left out in the network view. */
export function SurfaceOnly({ children }: { children: ReactNode }) {
  const open = useApp((s) => s.scene.network !== undefined);
  return open ? null : children;
}
