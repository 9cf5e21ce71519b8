import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useServices } from '../appContext.ts';
import { LESSON_COUNT, lessonActions } from '../lessons/lessonActions.ts';
import { useWindowKeys, type KeyHandler } from '../useKeyboardShortcuts.ts';
import {
  enterFullscreen,
  isFullscreen,
  leaveFullscreen,
  onFullscreenLeftByPerson,
} from './fullscreen.ts';
import { presentationStore, usePresentation } from './usePresentation.ts';
import './presentation.css';

// The dialog and the modal it is built on load on first use.
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog.tsx'));

/** How long a status message (mode on/off, fullscreen refused) stays on screen. */
const MESSAGE_MS = 5000;
/** Keys this component handles even while a text field has focus. */
const ANYWHERE = ['Escape'];

const ENTER_MESSAGE = 'Presentation mode: Esc leaves, ? lists the keys';
const REFUSED_MESSAGE = 'The browser refused fullscreen; presenting in the window';

/** True when Escape should first close an open menu or listbox rather than leave the mode. */
function popupOpen(): boolean {
  return document.querySelector('[aria-haspopup][aria-expanded="true"]') !== null;
}

/**
 * The top bar's Present and shortcuts buttons, and the keys of presentation mode: P enters or leaves
 * it, F toggles fullscreen, Esc leaves, ? lists every shortcut, 1–5 open the lesson chapters and,
 * while presenting, Page Down / Page Up (what clicker remotes send) turn them. While presenting, the
 * page root carries `data-presenting`, which switches on the large, high-contrast theme.
 */
export function PresentationControls() {
  const { store } = useServices();
  const presenting = usePresentation((s) => s.presenting);
  const shortcutsOpen = usePresentation((s) => s.shortcutsOpen);
  const [message, setMessage] = useState('');

  const commands = useMemo(() => {
    const { setPresenting } = presentationStore().getState();
    const toggleFullscreen = async () => {
      if (isFullscreen()) await leaveFullscreen();
      else if (!(await enterFullscreen())) setMessage(REFUSED_MESSAGE);
    };
    const enter = async () => {
      setPresenting(true);
      setMessage(ENTER_MESSAGE);
      if (!(await enterFullscreen())) setMessage(`${REFUSED_MESSAGE}. ${ENTER_MESSAGE}`);
    };
    const leave = () => {
      setPresenting(false);
      setMessage('');
      void leaveFullscreen();
    };
    const togglePresenting = () =>
      presentationStore().getState().presenting ? leave() : void enter();
    return { toggleFullscreen, togglePresenting, leave };
  }, []);
  const openShortcuts = useCallback(
    () => presentationStore().getState().setShortcutsOpen(true),
    [],
  );
  const closeShortcuts = useCallback(
    () => presentationStore().getState().setShortcutsOpen(false),
    [],
  );

  // Before the paint, so the large theme switches in the same frame as the button (a passive effect
  // left one frame of the old theme under the new button).
  useLayoutEffect(() => {
    document.documentElement.toggleAttribute('data-presenting', presenting);
  }, [presenting]);
  // Leaving fullscreen with the browser's own Esc leaves presentation mode too.
  useEffect(
    () =>
      onFullscreenLeftByPerson(() => {
        if (presentationStore().getState().presenting) commands.leave();
      }),
    [commands],
  );
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message]);

  const keysFor = useCallback(() => {
    const { presenting: isPresenting } = presentationStore().getState();
    const lessons = lessonActions(store);
    const tour = lessons.tour.getState();
    const handlers: Record<string, KeyHandler> = {
      // Escape leaves the mode from anywhere, even a text field, once menus have closed.
      Escape: () => {
        if (isPresenting && !popupOpen()) commands.leave();
        return false;
      },
      p: commands.togglePresenting,
      P: commands.togglePresenting,
      f: () => void commands.toggleFullscreen(),
      F: () => void commands.toggleFullscreen(),
      '?': openShortcuts,
    };
    for (let n = 1; n <= LESSON_COUNT; n++) handlers[String(n)] = () => void lessons.openLesson(n);
    // Page keys scroll the page as usual unless presenting.
    if (isPresenting) {
      handlers.PageDown = () =>
        void (tour.open ? lessons.nextLesson() : lessons.openLesson(tour.chapter));
      if (tour.open) handlers.PageUp = () => void lessons.previousLesson();
    }
    return handlers;
  }, [store, commands, openShortcuts]);
  useWindowKeys(keysFor, ANYWHERE);

  return (
    <div className="presentation-controls">
      <button
        type="button"
        aria-pressed={presenting}
        onClick={commands.togglePresenting}
        title={presenting ? 'Leave presentation mode (P or Esc)' : 'Presentation mode (P)'}
      >
        Present
      </button>
      <button
        type="button"
        className="shortcuts-button"
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={openShortcuts}
      >
        ?
      </button>
      <span className="presentation-message" role="status">
        {message}
      </span>
      <Suspense fallback={null}>
        {shortcutsOpen && <ShortcutsDialog onClose={closeShortcuts} />}
      </Suspense>
    </div>
  );
}
