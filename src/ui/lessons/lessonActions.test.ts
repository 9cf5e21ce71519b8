import { describe, expect, it } from 'vitest';
import { encodeScene } from '../../core/scene/url.ts';
import { chapter } from './chapters.ts';
import { lessonFromSearch, searchWithLesson } from './lessonActions.ts';
import { lessonApp } from './lessonTesting.ts';

describe('lesson actions', () => {
  it('searchWithLesson sets and removes lesson=N, keeping every other pair as it is', () => {
    expect(searchWithLesson('?v=1&s=beale&runs=sgd!lr_0.1', 3)).toBe(
      '?v=1&s=beale&runs=sgd!lr_0.1&lesson=3',
    );
    expect(searchWithLesson('?lesson=2&v=1&present=1', 4)).toBe('?v=1&present=1&lesson=4');
    expect(searchWithLesson('?lesson=2', null)).toBe('');
  });

  it('lessonFromSearch: a chapter, whether scene keys come with it, or a bad value', () => {
    expect(lessonFromSearch('')).toEqual({ kind: 'none' });
    expect(lessonFromSearch('?lesson=2')).toEqual({
      kind: 'chapter',
      chapter: 2,
      keepScene: false,
    });
    expect(lessonFromSearch('?v=1&s=saddle&lesson=5')).toEqual({
      kind: 'chapter',
      chapter: 5,
      keepScene: true,
    });
    expect(lessonFromSearch('?lesson=9')).toEqual({ kind: 'invalid', text: '9' });
    expect(lessonFromSearch('?lesson=two')).toEqual({ kind: 'invalid', text: 'two' });
  });

  it('openLesson loads the chapter scene, plays, and writes lesson=N; next/previous stay in 1 … 6', async () => {
    const { store, lessons, target } = lessonApp();
    store.getState().pause();
    await lessons.openLesson(3);
    expect(store.getState().scene).toEqual(chapter(3).scene());
    expect(store.getState().playing).toBe(true);
    expect(lessons.tour.getState()).toMatchObject({ open: true, chapter: 3 });
    expect(target.location.search).toBe('?lesson=3');
    for (let n = 0; n < 4; n++) await lessons.nextLesson();
    expect(lessons.tour.getState().chapter).toBe(6);
    await lessons.previousLesson();
    expect(store.getState().scene).toEqual(chapter(5).scene());
    await lessons.openLesson(0);
    await lessons.openLesson(2.5);
    expect(lessons.tour.getState().chapter).toBe(5);
    lessons.closeLessons();
    expect(lessons.tour.getState().open).toBe(false);
    expect(target.location.search).toBe('');
  });

  it('the latest of several quick requests wins', async () => {
    const { store, lessons } = lessonApp();
    await Promise.all([lessons.openLesson(1), lessons.openLesson(5), lessons.openLesson(2)]);
    expect(lessons.tour.getState().chapter).toBe(2);
    expect(store.getState().scene).toEqual(chapter(2).scene());
  });

  it('?lesson=N alone loads the chapter scene; with scene keys the link’s scene wins', async () => {
    const plain = lessonApp('?lesson=2');
    await plain.lessons.openFromLocation();
    expect(plain.store.getState().scene).toEqual(chapter(2).scene());

    const modified = { ...chapter(5).scene(), seed: 42 };
    const shared = lessonApp(`?${encodeScene(modified)}&lesson=5`);
    shared.store.getState().loadScene(modified);
    await shared.lessons.openFromLocation();
    expect(shared.lessons.tour.getState()).toMatchObject({ open: true, chapter: 5 });
    expect(shared.store.getState().scene.seed).toBe(42);
  });

  it('a bad lesson number says so in the notices and opens nothing', async () => {
    const { store, lessons } = lessonApp('?lesson=7');
    await lessons.openFromLocation();
    expect(lessons.tour.getState().open).toBe(false);
    expect(store.getState().notices).toEqual([
      'lesson "7": there is no such chapter; the tour has chapters 1 to 6',
    ]);
  });

  it('a 5,000-character lesson value is echoed elided, on one line', async () => {
    const { store, lessons } = lessonApp(`?lesson=${'9'.repeat(5000)}%0A`);
    await lessons.openFromLocation();
    expect(store.getState().notices).toEqual([
      `lesson "${'9'.repeat(39)}"… (5,001 characters): there is no such chapter; the tour has chapters 1 to 6`,
    ]);
  });

  it('try this applies to the scene on screen, keeping earlier changes', async () => {
    const { store, lessons } = lessonApp();
    await lessons.openLesson(2);
    store.getState().setRunParam('r1', 'lr', 0.2);
    await lessons.tryThis(0); // 10× SGD's learning rate
    expect(store.getState().scene.runs[0].params.lr).toBe(2);
    expect(lessons.tour.getState().tried).toBe(0);
  });
});
