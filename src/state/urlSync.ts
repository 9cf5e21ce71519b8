/**
 * Keeps the address bar in step with the scene, so the URL can be copied at any moment and
 * reproduces the same screen. Deliberate changes (another surface, a new start, a lesson chapter's
 * scene) get a history entry of their own, so Back and Forward move between them; drags and slider
 * moves replace the current entry. Query keys that are not the scene's (embed=1 and friends) are
 * kept as they are.
 */
import { partsToRun } from '../core/data/sampledGradients.ts';
import { loadMissing } from '../core/onDemand.ts';
import { decodeScene, encodeScene, partsToDecode, SCENE_KEYS } from '../core/scene/url.ts';
import { show } from '../core/scene/show.ts';
import type { Scene, ValidatedScene } from '../core/scene/scene.ts';
import type { AppStore } from './store.ts';

export const URL_DEBOUNCE_MS = 250;

/**
 * The scene a page address describes (the default scene when it names none), with notices. A typed
 * formula, a lab experiment, a minibatch size or a DistributedSGD run waits for its part of the core,
 * which loads on demand.
 */
export async function sceneFromLocation(
  search: string,
  pageKeys: readonly string[] = [],
): Promise<ValidatedScene> {
  await loadMissing(partsToDecode(search));
  const decoded = decodeScene(search);
  await loadMissing(partsToRun(decoded.scene));
  const unknown = unknownKeys(search, [...SCENE_KEYS, ...pageKeys]);
  return {
    scene: decoded.scene,
    notices: [
      ...decoded.notices,
      ...unknown.map((key) => `address: unknown key ${show(key)}; ignored`),
    ],
  };
}

/** The query's keys that are none of `known`, each once, in order. */
export function unknownKeys(search: string, known: readonly string[]): string[] {
  const keys = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=')[0];
      try {
        return decodeURIComponent(name);
      } catch {
        return name;
      }
    });
  return [...new Set(keys)].filter((key) => !known.includes(key));
}

/**
 * Whether going from `before` to `after` is a change worth its own history entry: another surface,
 * other starts, or opening, closing or changing the network experiment's data (a surface too).
 */
export function isDeliberate(before: Scene, after: Scene): boolean {
  return (
    JSON.stringify(before.surface) !== JSON.stringify(after.surface) ||
    JSON.stringify(before.starts) !== JSON.stringify(after.starts) ||
    before.network?.dataset !== after.network?.dataset
  );
}

/** The query string for a scene, keeping the page's own keys from `search`. */
export function queryWithScene(search: string, sceneQuery: string): string {
  const own = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !SCENE_KEYS.includes(pair.split('=')[0]));
  return `?${[...own, sceneQuery].join('&')}`;
}

export interface UrlSyncOptions {
  /**
   * Whether deliberate changes add history entries. Not inside an embed, where they would take
   * over the host page's Back button.
   */
  history: boolean;
  /** The page's own query keys, accepted in an address read back on Back or Forward. */
  pageKeys?: readonly string[];
}

/**
 * Starts mirroring the store's scene into the URL and, with history on, loading the scene of the
 * entry that Back or Forward goes to; returns the function that stops both.
 */
export function syncSceneToUrl(
  store: AppStore,
  options: UrlSyncOptions,
  target: Window = window,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let push = false;
  /** The scene was just restored from the address: nothing to write. */
  let restoring = false;
  const write = () => {
    timer = undefined;
    const { location, history } = target;
    const query = queryWithScene(location.search, encodeScene(store.getState().scene));
    if (query !== location.search) {
      const url = `${location.pathname}${query}${location.hash}`;
      if (push) history.pushState(null, '', url);
      else history.replaceState(history.state, '', url);
    }
    push = false;
  };
  const unsubscribe = store.subscribe(
    (state) => state.scene,
    (scene, previous) => {
      if (restoring) return;
      if (options.history && isDeliberate(previous, scene)) push = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(write, URL_DEBOUNCE_MS);
    },
  );
  const onPopState = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    push = false;
    void sceneFromLocation(target.location.search, options.pageKeys).then(({ scene, notices }) => {
      restoring = true;
      void Promise.resolve(store.getState().loadScene(scene, notices)).finally(() => {
        restoring = false;
      });
    });
  };
  if (options.history) target.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    target.removeEventListener('popstate', onPopState);
    if (timer !== undefined) clearTimeout(timer);
  };
}
