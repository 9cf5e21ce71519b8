import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWrittenNumber } from './writtenNumber.ts';

describe('readWrittenNumber', () => {
  it('reads back every finite number as the app writes it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(readWrittenNumber(String(value))).toBe(Object.is(value, -0) ? 0 : value);
      }),
    );
  });

  it.each([
    '0x10',
    '1_000',
    '1e5',
    '01',
    ' 1',
    '1 ',
    '+1',
    '1.0',
    '.5',
    '',
    'Infinity',
    'NaN',
    '1e999',
    '0b1',
  ])('leaves %j as text', (text) => {
    expect(readWrittenNumber(text)).toBe(text);
  });
});
