import { describe, expect, it } from 'vitest';
import { stepRegion } from './stepSourcePlugin.ts';

describe('stepRegion', () => {
  it('cuts the block between the step markers and removes its shared indentation', () => {
    const source =
      'export const x = {\n  name: "x",\n  // #region step\n  step(p: P): void {\n    go();\n  },\n  // #endregion\n};\n';
    expect(stepRegion(source)).toBe('step(p: P): void {\n  go();\n},');
  });

  it('is null for a file without the markers (the build then fails, naming the file)', () => {
    expect(stepRegion('export const y = 1;\n')).toBeNull();
  });
});
