import { describe, expect, it } from 'vitest';
import { iframeSnippet } from './snippet.ts';

describe('iframeSnippet', () => {
  it('fixed size: width, height and escaped attributes', () => {
    expect(
      iframeSnippet('https://x.org/lab/?embed=1&s=booth', 'Descent Lab: "Booth"', {
        kind: 'fixed',
        width: 800,
        height: 500,
      }),
    ).toBe(
      '<iframe src="https://x.org/lab/?embed=1&amp;s=booth" title="Descent Lab: &quot;Booth&quot;" width="800" height="500" style="border:0" loading="lazy"></iframe>',
    );
  });

  it('responsive: full width at 16:10; sizes are clamped to what the embed can show', () => {
    expect(iframeSnippet('a', '<t>', { kind: 'responsive' })).toBe(
      '<iframe src="a" title="&lt;t&gt;" style="width:100%;aspect-ratio:16 / 10;min-height:240px;border:0" loading="lazy"></iframe>',
    );
    expect(iframeSnippet('a', 't', { kind: 'fixed', width: 10, height: NaN })).toContain(
      'width="320" height="240"',
    );
  });
});
