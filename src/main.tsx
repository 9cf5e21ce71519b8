import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SimulationController } from './render/simulationController.ts';
import { createAppStore } from './state/store.ts';
import { sceneFromLocation, syncSceneToUrl } from './state/urlSync.ts';
import { App } from './ui/App.tsx';
import { AppContext } from './ui/appContext.ts';
import { renderCount } from './ui/renderCount.ts';
import './ui/styles.css';

const { scene, notices } = sceneFromLocation(window.location.search);
const store = createAppStore(scene, notices);
syncSceneToUrl(store);
const controller = new SimulationController(store);

declare global {
  interface Window {
    /** A small hook for the e2e tests and for curious people in the console. */
    __descentLab?: { store: typeof store; controller: SimulationController; renderCount(): number };
  }
}
window.__descentLab = { store, controller, renderCount };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
