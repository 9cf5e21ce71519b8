/**
 * The guided tour's state and the plain functions that drive it, for the top bar, the lesson panel,
 * keyboard shortcuts and presentation mode alike:
 *
 *   const lessons = lessonActions(store);   // or useLessonActions() in a component
 *   lessons.openLesson(3); lessons.nextLesson(); lessons.previousLesson(); lessons.closeLessons();
 *
 * Small on purpose: chapters (scenes and text) and the panel load on first use. The open chapter is
 * kept in the address as `lesson=N`, a page key the scene codec leaves alone; the scene keys beside
 * it describe what is on screen, so a shared link of a modified chapter reproduces it.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { loadMissing } from '../../core/onDemand.ts';
import { partsToValidate, type Scene } from '../../core/scene/scene.ts';
import { SCENE_KEYS } from '../../core/scene/url.ts';
import { show as shortEcho } from '../../core/scene/show.ts';
import type { AppStore } from '../../state/store.ts';
import { useServices } from '../appContext.ts';

export const LESSON_COUNT = 6;
export const LESSON_QUERY_KEY = 'lesson';

export interface TourState {
  open: boolean;
  /** 1 … LESSON_COUNT; kept when the tour closes, so it reopens where it was. */
  chapter: number;
  /** Index of the last "try this" applied in this chapter, or null. */
  tried: number | null;
}

export interface LessonActions {
  readonly tour: StoreApi<TourState>;
  /** Opens the tour at chapter n (1-based) and loads its scene; other n are ignored. */
  openLesson(n: number): Promise<void>;
  nextLesson(): Promise<void>;
  previousLesson(): Promise<void>;
  /** Loads the open chapter's own scene again. */
  restartLesson(): Promise<void>;
  /** Applies "try this" number `index` of the open chapter to the scene on screen. */
  tryThis(index: number): Promise<void>;
  closeLessons(): void;
  /** The top bar's button: opens the tour at its chapter (loading its scene), or closes it. */
  toggleLessons(): Promise<void>;
  /**
   * `lesson=N` in the page address opens the tour at N (see `lessonFromSearch`), with its scene
   * unless the address holds one. Called once, before the first render.
   */
  openFromLocation(): Promise<void>;
}

/** The query string with `lesson=n` set (or removed for null), every other pair kept as it is. */
export function searchWithLesson(search: string, chapter: number | null): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && pair.split('=')[0] !== LESSON_QUERY_KEY);
  if (chapter !== null) pairs.push(`${LESSON_QUERY_KEY}=${chapter}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

export type LessonRequest =
  | { kind: 'none' }
  | { kind: 'invalid'; text: string }
  | { kind: 'chapter'; chapter: number; keepScene: boolean };

/** What `lesson=…` in a query asks for; the scene keys beside it win over the chapter's scene. */
export function lessonFromSearch(search: string): LessonRequest {
  const pairs = search.replace(/^\?/, '').split('&');
  const pair = pairs.find((p) => p.split('=')[0] === LESSON_QUERY_KEY);
  if (pair === undefined) return { kind: 'none' };
  const text = pair.slice(LESSON_QUERY_KEY.length + 1);
  const chapter = Number(text);
  if (!/^\d+$/.test(text) || chapter < 1 || chapter > LESSON_COUNT)
    return { kind: 'invalid', text };
  const keepScene = pairs.some((p) => SCENE_KEYS.includes(p.split('=')[0]));
  return { kind: 'chapter', chapter, keepScene };
}

/** A query value as people typed it; a broken % escape stays as it is. */
function readable(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const loadChapters = () => import('./chapters.ts');
/** The parts of the core a chapter's scene needs beyond the first screen's (the network's). */
const loadPartsOf = (scene: Scene) => loadMissing(partsToValidate(scene)) ?? Promise.resolve();
const bound = new WeakMap<AppStore, LessonActions>();

/** The tour bound to one app store (created on first call, the same object afterwards). */
export function lessonActions(app: AppStore, target: Window = window): LessonActions {
  const existing = bound.get(app);
  if (existing) return existing;
  const tour = createStore<TourState>()(() => ({ open: false, chapter: 1, tried: null }));
  // Only the latest request may load its scene when several race (fast key presses).
  let latest = 0;

  const writeUrl = (chapter: number | null) => {
    const { location, history } = target;
    const search = searchWithLesson(location.search, chapter);
    if (search !== location.search)
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  };

  const show = async (chapter: number, loadScene: boolean) => {
    if (!Number.isInteger(chapter) || chapter < 1 || chapter > LESSON_COUNT) return;
    const request = ++latest;
    tour.setState({ open: true, chapter, tried: null });
    writeUrl(chapter);
    if (!loadScene) return;
    const scene = (await loadChapters()).chapter(chapter).scene();
    await loadPartsOf(scene);
    if (request !== latest) return;
    const state = app.getState();
    await state.loadScene(scene);
    state.play();
  };

  const actions: LessonActions = {
    tour,
    openLesson: (n) => show(n, true),
    nextLesson: () => show(Math.min(LESSON_COUNT, tour.getState().chapter + 1), true),
    previousLesson: () => show(Math.max(1, tour.getState().chapter - 1), true),
    restartLesson: () => show(tour.getState().chapter, true),
    async tryThis(index) {
      const { chapter } = tour.getState();
      const request = ++latest;
      const chapters = await loadChapters();
      const change = chapters.chapter(chapter).tries[index];
      if (!change || request !== latest) return;
      const scene = change.apply(app.getState().scene);
      await loadPartsOf(scene);
      if (request !== latest) return;
      const state = app.getState();
      state.loadScene(scene, state.notices);
      state.play();
      tour.setState({ tried: index });
    },
    closeLessons() {
      latest++;
      tour.setState({ open: false, tried: null });
      writeUrl(null);
    },
    toggleLessons: () =>
      tour.getState().open
        ? Promise.resolve(actions.closeLessons())
        : show(tour.getState().chapter, true),
    async openFromLocation() {
      const request = lessonFromSearch(target.location.search);
      if (request.kind === 'chapter') return show(request.chapter, !request.keepScene);
      if (request.kind === 'invalid') {
        const { notices } = app.getState();
        app.setState({
          notices: [
            ...notices,
            `lesson ${shortEcho(readable(request.text))}: there is no such chapter; the tour has chapters 1 to ${LESSON_COUNT}`,
          ],
        });
      }
    },
  };
  bound.set(app, actions);
  return actions;
}

/** The tour of the app in context. */
export function useLessonActions(): LessonActions {
  return lessonActions(useServices().store);
}

/** Reads the tour's state; re-renders when the selected part changes. */
export function useTour<T>(selector: (state: TourState) => T): T {
  return useStore(useLessonActions().tour, selector);
}
