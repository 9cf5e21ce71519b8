/**
 * The Fullscreen API, forgiving: a browser may refuse (no user gesture, a headless or embedded page,
 * iPhone Safari has no API at all), and then presentation mode simply stays in the window.
 */

/** Set while we leave fullscreen ourselves, so that leaving is not mistaken for the person's Esc. */
let leavingOnPurpose = false;

export function isFullscreen(): boolean {
  return Boolean(document.fullscreenElement);
}

/** Asks for fullscreen; resolves to whether the page is fullscreen now. Never rejects. */
export async function enterFullscreen(): Promise<boolean> {
  if (isFullscreen()) return true;
  try {
    await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

export async function leaveFullscreen(): Promise<void> {
  if (!isFullscreen()) return;
  leavingOnPurpose = true;
  try {
    await document.exitFullscreen();
  } catch {
    leavingOnPurpose = false;
  }
}

/**
 * Calls `onLeft` when fullscreen ends by the browser's own means (its Esc key, a system gesture), not
 * through `leaveFullscreen`. Returns the function that stops listening.
 */
export function onFullscreenLeftByPerson(onLeft: () => void): () => void {
  const listener = () => {
    // Back in fullscreen: a leave we made is over, even if its event comes only now, in the same
    // frame as the entry's (a busy machine coalesces them): the next exit is the person's.
    if (isFullscreen()) {
      leavingOnPurpose = false;
      return;
    }
    if (leavingOnPurpose) leavingOnPurpose = false;
    else onLeft();
  };
  document.addEventListener('fullscreenchange', listener);
  return () => document.removeEventListener('fullscreenchange', listener);
}
