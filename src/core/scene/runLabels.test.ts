import { describe, expect, it } from 'vitest';
import { uniqueLabel } from './runLabels.ts';

const runs = (...labels: string[]) => labels.map((label) => ({ label }));

describe('uniqueLabel', () => {
  it('keeps a free label and numbers a taken one from 2', () => {
    expect(uniqueLabel('Adam', runs('SGD'))).toBe('Adam');
    expect(uniqueLabel('SGD', runs('SGD'))).toBe('SGD 2');
    expect(uniqueLabel('SGD', runs('SGD', 'SGD 2'))).toBe('SGD 3');
  });

  it('numbers a copy of a numbered run from its base name', () => {
    expect(uniqueLabel('SGD 2', runs('SGD', 'SGD 2'))).toBe('SGD 3');
  });

  it('stays within the label length limit', () => {
    const long = 'x'.repeat(40);
    expect(uniqueLabel(long, runs(long))).toHaveLength(40);
  });
});
