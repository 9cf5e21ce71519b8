import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

for (const [width, height] of [
  [1280, 800],
  [390, 844],
]) {
  test(`at ${width}×${height} the contours are on the static frame before the app mounts and stay on the app's plot, with no Worker`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    // A contour Worker that never answers: every contour on screen is the first picture.
    await page.route('**/contourWorker-*.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '' }),
    );
    // Whether index.html's frame had a painted plot while it was still on screen.
    await page.addInitScript(() => {
      const seen = { shellPicture: false };
      (window as unknown as { __firstContours: typeof seen }).__firstContours = seen;
      new MutationObserver(() => {
        if (document.querySelector('.app-shell .plot-panel canvas')) seen.shellPicture = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const app = new DescentLab(page);
    await app.open();
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { __firstContours: { shellPicture: boolean } }).__firstContours
            .shellPicture,
      ),
    ).toBe(true);
    // The app's plot shows the bands (viridis has 21 of them) without any Worker's answer.
    await expect
      .poll(async () => (await app.canvasFingerprint('contour-canvas')).distinct)
      .toBeGreaterThan(10);
  });
}
