/**
 * Keeps the address bar in step with the scene: every change is written (debounced) with
 * history.replaceState, so the URL can be copied at any moment and reproduces the same screen.
 * Query keys that are not the scene's (embed=1 and friends) are kept as they are.
 */
import { partsToRun } from '../core/data/sampledGradients.ts';
import { loadMissing } from '../core/onDemand.ts';
import { decodeScene, encodeScene, partsToDecode, SCENE_KEYS } from '../core/scene/url.ts';
import type { ValidatedScene } from '../core/scene/scene.ts';
import type { AppStore } from './store.ts';

export const URL_DEBOUNCE_MS = 250;

/**
 * The scene a page address describes (the default scene when it names none), with notices. A typed
 * formula, a lab experiment, a minibatch size or a DistributedSGD run waits for its part of the core,
 * which loads on demand.
 */
export async function sceneFromLocation(search: string): Promise<ValidatedScene> {
  await loadMissing(partsToDecode(search));
  const decoded = decodeScene(search);
  await loadMissing(partsToRun(decoded.scene));
  return decoded;
}

/** The query string for a scene, keeping the page's own keys from `search`. */
export function queryWithScene(search: string, sceneQuery: string): string {
  const own = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !SCENE_KEYS.includes(pair.split('=')[0]));
  return `?${[...own, sceneQuery].join('&')}`;
}

/** Starts mirroring the store's scene into the URL; returns the function that stops it. */
export function syncSceneToUrl(store: AppStore, target: Window = window): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const { location, history } = target;
    const query = queryWithScene(location.search, encodeScene(store.getState().scene));
    if (query !== location.search)
      history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  };
  const unsubscribe = store.subscribe(
    (state) => state.scene,
    () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(write, URL_DEBOUNCE_MS);
    },
  );
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
