import { describe, expect, it } from 'vitest';
import { MountTurns } from './mountTurns.ts';

/** Frames run by hand: `frame()` runs what waited for the next one. */
function manualFrames() {
  let waiting: (() => void)[] = [];
  return {
    nextFrame: (callback: () => void) => void waiting.push(callback),
    pending: () => waiting.length,
    frame() {
      const due = waiting;
      waiting = [];
      due.forEach((callback) => callback());
    },
  };
}

describe('MountTurns', () => {
  it('mounts one turn a frame, the first at once', () => {
    const frames = manualFrames();
    const turns = new MountTurns(frames.nextFrame);
    expect(turns.has(0)).toBe(true);
    expect(turns.has(2)).toBe(false);
    frames.frame();
    expect([turns.has(1), turns.has(2)]).toEqual([true, false]);
    frames.frame();
    expect(turns.has(2)).toBe(true);
  });

  it('tells its listeners at each turn, so waiting parts render', () => {
    const frames = manualFrames();
    const turns = new MountTurns(frames.nextFrame);
    let told = 0;
    turns.subscribe(() => told++);
    turns.has(3);
    frames.frame();
    frames.frame();
    frames.frame();
    expect(told).toBe(3);
    expect(turns.has(3)).toBe(true);
  });

  it('waits for parts that a turn mounts to ask for later turns (run cards inside the sidebar)', () => {
    const frames = manualFrames();
    const turns = new MountTurns(frames.nextFrame);
    turns.has(1); // the sidebar
    frames.frame();
    // The sidebar renders after its turn and asks for its cards' turns.
    expect(turns.has(1)).toBe(true);
    expect(turns.has(3)).toBe(false);
    frames.frame();
    frames.frame();
    expect(turns.has(3)).toBe(true);
  });

  it('after the first screen, a part mounts at once (a card added later does not wait)', () => {
    const frames = manualFrames();
    const turns = new MountTurns(frames.nextFrame);
    turns.has(1);
    frames.frame(); // turn 1
    frames.frame(); // nothing more was asked for: done
    expect(frames.pending()).toBe(0);
    expect(turns.has(9)).toBe(true);
    expect(frames.pending()).toBe(0);
  });

  it('says when the first screen is mounted: at once with nothing waiting, else after the last turn', async () => {
    const frames = manualFrames();
    const idle = new MountTurns(frames.nextFrame);
    let idleMounted = false;
    await idle.mounted().then(() => (idleMounted = true));
    expect(idleMounted).toBe(true);

    const turns = new MountTurns(frames.nextFrame);
    turns.has(2);
    let mounted = false;
    const waiting = turns.mounted().then(() => (mounted = true));
    frames.frame();
    frames.frame();
    await Promise.resolve();
    expect(mounted).toBe(false); // turn 2 is in, but a part it mounted may still ask for more
    frames.frame();
    await waiting;
    expect(mounted).toBe(true);
  });
});
