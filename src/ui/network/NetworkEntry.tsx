import { lazy, Suspense, type ReactNode } from 'react';
import { networkSpecs } from '../../core/nn/onDemand.ts';
import { useActions, useApp, useServices } from '../appContext.ts';

/** The network view's code (core/nn, its Workers' clients, drawing) loads when a scene needs it. */
const NetworkPanel = lazy(
  async () => (await Promise.all([import('./NetworkPanel.tsx'), networkSpecs.load()]))[0],
);

/**
 * The network experiment, opened and closed from the surface picker (a network is one more kind of
 * surface): `open` loads the network scene built from the one on screen, `close` drops it.
 */
export function useNetworkScene() {
  const isOpen = useApp((s) => s.scene.network !== undefined);
  const actions = useActions();
  const { store } = useServices();
  const open = async () => {
    const [{ networkScene }] = await Promise.all([
      import('../../core/nn/networkScene.ts'),
      networkSpecs.load(),
    ]);
    await actions.loadScene(networkScene(store.getState().scene));
  };
  const close = async () => {
    const { sceneWithoutNetwork } = await import('../../core/nn/networkScene.ts');
    await actions.loadScene(sceneWithoutNetwork(store.getState().scene));
  };
  return { isOpen, open, close };
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
