import { afterEach, describe, expect, it, vi } from 'vitest';
import { enterFullscreen, leaveFullscreen, onFullscreenLeftByPerson } from './fullscreen.ts';

/** A document whose fullscreen changes at once and whose change events wait for `flush()`. */
function fakeDocument() {
  const events = new EventTarget();
  let pending = 0;
  const doc = {
    fullscreenElement: null as object | null,
    documentElement: {
      requestFullscreen: async () => {
        doc.fullscreenElement = {};
        pending++;
      },
    },
    exitFullscreen: async () => {
      doc.fullscreenElement = null;
      pending++;
    },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    /** The next animation frame: every change since the last one fires its event. */
    flush() {
      for (; pending > 0; pending--) events.dispatchEvent(new Event('fullscreenchange'));
    },
  };
  vi.stubGlobal('document', doc);
  return doc;
}

afterEach(() => vi.unstubAllGlobals());

describe('onFullscreenLeftByPerson', () => {
  it('tells a person’s exit from our own, also when our exit’s event comes after a re-entry', async () => {
    const doc = fakeDocument();
    const left = vi.fn();
    const stop = onFullscreenLeftByPerson(left);
    await enterFullscreen();
    doc.flush();
    await leaveFullscreen();
    doc.flush();
    expect(left).not.toHaveBeenCalled();
    await enterFullscreen();
    doc.flush();
    // Leave and enter again before a frame passes: both events fire in the same frame.
    await leaveFullscreen();
    await enterFullscreen();
    doc.flush();
    expect(left).not.toHaveBeenCalled();
    // Then the person leaves (the browser's Esc).
    await doc.exitFullscreen();
    doc.flush();
    expect(left).toHaveBeenCalledTimes(1);
    stop();
  });
});
