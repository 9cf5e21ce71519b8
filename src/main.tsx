import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { EMBED_KEYS, isEmbedQuery, parseEmbedOptions } from './core/embed/options.ts';
import type { ValidatedScene } from './core/scene/scene.ts';
import { paintFirstContours } from './playback/firstContours.ts';
import { SimulationController } from './playback/simulationController.ts';
import { PRESENT_QUERY_KEY } from './state/presentation.ts';
import { createAppStore } from './state/store.ts';
import { sceneFromLocation, syncSceneToUrl } from './state/urlSync.ts';
import { App } from './ui/App.tsx';
import { LESSON_QUERY_KEY, lessonActions } from './ui/lessons/lessonActions.ts';
import { AppContext } from './ui/appContext.ts';
import { firstScreenMounted } from './ui/mountTurns.ts';
import { renderCount, renderCounts } from './ui/renderCount.ts';
import { forgetShellSizes, keepShellSizes, shellSize } from './ui/shellSizes.ts';
import './ui/styles.css';

const EmbedApp = lazy(() => import('./ui/embed/EmbedApp.tsx'));

declare global {
  interface Window {
    /** A small hook for the e2e tests and for curious people in the console. */
    __descentLab?: {
      store: ReturnType<typeof createAppStore>;
      controller: SimulationController;
      renderCount(): number;
      renderCounts(): Record<string, number>;
    };
  }
}

/** Query keys the page reads besides the scene's: an unknown key gets a notice. */
const PAGE_KEYS = [...EMBED_KEYS, LESSON_QUERY_KEY, PRESENT_QUERY_KEY];

async function start({ scene, notices }: ValidatedScene): Promise<void> {
  const store = createAppStore(scene, notices);
  // A person who asked the system for reduced motion gets a still page; Play starts the race.
  if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) store.getState().pause();
  // Embed mode (?embed=1) shows the same scene in a lazily loaded frame layout; autoplay=0 starts paused.
  const embedOptions = isEmbedQuery(window.location.search)
    ? parseEmbedOptions(window.location.search)
    : null;
  if (embedOptions && !embedOptions.autoplay) store.getState().pause();
  syncSceneToUrl(store, { history: !embedOptions, pageKeys: PAGE_KEYS });
  // `lesson=N` opens the tour on its chapter's scene before the first render, so the default scene
  // never shows first (and nothing done to it is lost when the chapter arrives).
  if (!embedOptions) await lessonActions(store).openFromLocation();
  // The contours over the static frame before the long first render; not where the page's own
  // keys (a lesson, presenting) or notices lay the page out differently from that frame.
  const pageKeys = [...new URLSearchParams(window.location.search).keys()];
  if (!pageKeys.some((key) => PAGE_KEYS.includes(key)) && store.getState().notices.length === 0) {
    const shell = document.querySelector('.app-shell');
    if (shell) keepShellSizes(shell);
    await paintFirstContours(
      store.getState().scene,
      document.querySelector('.app-shell .plot-panel'),
      shellSize('plot'),
    );
  }
  const controller = new SimulationController(store);
  window.__descentLab = { store, controller, renderCount, renderCounts };

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={{ store, controller }}>
        {embedOptions ? (
          <Suspense fallback={null}>
            <EmbedApp options={embedOptions} />
          </Suspense>
        ) : (
          <App />
        )}
      </AppContext.Provider>
    </StrictMode>,
  );
  // The first render has asked for the turns its parts mount in.
  void firstScreenMounted().then(forgetShellSizes);
}

// index.html's static frame is the full app's; an embed lays itself out differently.
if (isEmbedQuery(window.location.search)) document.getElementById('root')!.replaceChildren();

// A typed formula in the address waits for the expression language. Not a top-level await, which
// would make the bundler split the entry chunk apart.
void sceneFromLocation(window.location.search, PAGE_KEYS).then(start);
