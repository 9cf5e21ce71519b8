import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldPath, listWithin, oneLine, shortLine, show } from './show.ts';

describe('show', () => {
  it('echoes short values as JSON', () => {
    expect(show(1.5)).toBe('1.5');
    expect(show('adam')).toBe('"adam"');
    expect(show([0.9, 1])).toBe('[0.9,1]');
    expect(show({ lr: 5 })).toBe('{"lr":5}');
    expect(show(null)).toBe('null');
    expect(show(undefined)).toBe('nothing');
  });

  it('says a number that JSON cannot hold is not finite, instead of "null"', () => {
    expect(show(Infinity)).toBe('Infinity (not finite)');
    expect(show(-Infinity)).toBe('-Infinity (not finite)');
    expect(show(NaN)).toBe('NaN (not finite)');
  });

  it('elides a long string and says how long it was', () => {
    expect(show('A'.repeat(10_000))).toBe(`"${'A'.repeat(39)}"… (10,000 characters)`);
  });

  it('escapes newlines and other control characters so the message stays one line', () => {
    expect(show('a\nb')).toBe('"a\\nb"');
    expect(show('x\u0007\u2028y')).toBe('"x\\u0007\\u2028y"');
    expect(oneLine('one\r\ntwo')).toBe('one\\r\\ntwo');
  });

  it('survives nesting that would overflow JSON.stringify', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(show(deep)).toBe('[[[[…]]]]');
  });

  it('keeps any JSON value to one short line', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = show(value);
        expect(text.length).toBeLessThanOrEqual(80);
        expect(text).not.toMatch(/[\n\r\u2028\u2029]/);
      }),
    );
  });
});

describe('fieldPath', () => {
  it('writes plain keys as they are and others quoted, escaped and elided', () => {
    expect(fieldPath('params', 'lr')).toBe('params.lr');
    expect(fieldPath('', 'steps')).toBe('steps');
    expect(fieldPath('params', '__proto__')).toBe('params.__proto__');
    expect(fieldPath('noise', 'a\nb')).toBe('noise["a\\nb"]');
    expect(fieldPath('', 'x'.repeat(500))).toBe(`["${'x'.repeat(39)}"… (500 characters)]`);
  });
});

describe('listWithin', () => {
  it('lists every name that fits and counts them when some do not', () => {
    expect(listWithin(['a', 'b'], 10)).toBe('a, b');
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    const cut = listWithin(names, 30);
    expect(cut).toBe('alpha, beta, … (5 in all)');
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});

describe('shortLine', () => {
  it('escapes line breaks and cuts long text with an ellipsis', () => {
    expect(shortLine('a\nb')).toBe('a\\nb');
    expect(shortLine('y'.repeat(300), 20)).toBe(`${'y'.repeat(19)}…`);
  });
});
