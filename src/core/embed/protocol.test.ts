import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SCENE_TEXT_LENGTH, parseHostCommand, Throttle } from './protocol.ts';

describe('parseHostCommand', () => {
  it.each(['play', 'pause', 'reset', 'step'])(
    'reads descent-lab:%s, dropping other fields',
    (name) => {
      expect(parseHostCommand({ type: `descent-lab:${name}`, extra: '<img onerror=x>' })).toEqual({
        type: `descent-lab:${name}`,
      });
    },
  );

  it('reads setScene with a scene object or a query string', () => {
    const scene = { surface: { id: 'rosenbrock' } };
    expect(parseHostCommand({ type: 'descent-lab:setScene', scene })).toEqual({
      type: 'descent-lab:setScene',
      scene,
    });
    expect(parseHostCommand({ type: 'descent-lab:setScene', scene: 's=booth' })).toEqual({
      type: 'descent-lab:setScene',
      scene: 's=booth',
    });
  });

  it('ignores junk: other types, unknown commands, setScene without a usable scene', () => {
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'descent-lab:play',
      ['descent-lab:play'],
      {},
      { type: 'play' },
      { type: 'descent-lab:explode' },
      { type: 'descent-lab:' },
      { type: 'DESCENT-LAB:play' },
      { type: 7 },
      { type: 'descent-lab:setScene' },
      { type: 'descent-lab:setScene', scene: null },
      { type: 'descent-lab:setScene', scene: [1, 2] },
      { type: 'descent-lab:setScene', scene: 3 },
      { type: 'descent-lab:setScene', scene: 'x'.repeat(MAX_SCENE_TEXT_LENGTH + 1) },
      { type: 'webpackOk' },
    ];
    for (const data of junk) expect(parseHostCommand(data)).toBeNull();
  });

  it('never throws, and returns null or one of the known commands', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const command = parseHostCommand(data);
        if (command === null) return;
        expect(command.type).toMatch(/^descent-lab:(play|pause|reset|step|setScene)$/);
      }),
    );
  });
});

describe('Throttle', () => {
  it('sends at most perSecond events a second and a trailing one after a burst', () => {
    let now = 0;
    const timers: { at: number; callback: () => void }[] = [];
    const sent: number[] = [];
    const throttle = new Throttle(
      () => sent.push(now),
      4,
      () => now,
      (callback, ms) => timers.push({ at: now + ms, callback }),
    );
    const advance = (to: number) => {
      for (; now <= to; now += 10) {
        throttle.poke();
        for (const timer of timers.splice(0)) {
          if (timer.at <= now) timer.callback();
          else timers.push(timer);
        }
      }
    };
    advance(1000);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(250);
    const before = sent.length;
    throttle.poke(); // one more change right after the last event: sent once the interval passed
    expect(timers).toHaveLength(1);
    now = timers[0].at;
    timers.splice(0)[0].callback();
    expect(sent.length).toBe(before + 1);
  });
});
