import { lazy, Suspense } from 'react';
import { useLessonActions, useTour } from './lessonActions.ts';
import './lessonEntry.css';

const LessonPanel = lazy(() => import('./LessonPanel.tsx'));

/** The top bar's "Lessons" button. */
export function LessonsButton() {
  const lessons = useLessonActions();
  const open = useTour((s) => s.open);
  return (
    <button
      type="button"
      className="lessons-button"
      aria-pressed={open}
      onClick={() => void lessons.toggleLessons()}
      title="A guided tour of the five challenges of gradient descent, then a real network"
    >
      Lessons
    </button>
  );
}

/** Where the tour's panel goes in the workspace; the panel's code loads when it first opens. */
export function LessonSlot() {
  const open = useTour((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<aside className="lesson-panel" aria-label="Lesson" aria-busy="true" />}>
      <LessonPanel />
    </Suspense>
  );
}
