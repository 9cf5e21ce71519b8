import { describe, expect, it } from 'vitest';
import { initialScripts } from './sizeBudget.ts';

describe('initialScripts', () => {
  it('counts module scripts and modulepreloads, not stylesheets or icons', () => {
    const html = `
      <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="./assets/index-a1.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/react-b2.js">
      <link rel="stylesheet" crossorigin href="./assets/index-c3.css">`;
    expect(initialScripts(html)).toEqual(['assets/index-a1.js', 'assets/react-b2.js']);
  });

  it('reads absolute paths too', () => {
    expect(initialScripts('<script type="module" src="/assets/x.js"></script>')).toEqual([
      'assets/x.js',
    ]);
  });
});
