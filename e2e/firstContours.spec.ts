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

// The plot takes the box index.html's frame gave it and keeps it while the sidebar and run cards
// mount over the next frames: it neither moves nor resizes (which would contour it again) and
// renders once.
for (const [width, height] of [
  [1280, 800],
  [1024, 768],
  [390, 844],
]) {
  test(`at ${width}×${height} the plot keeps the static frame's box while the first screen mounts`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.addInitScript(() => {
      const boxes: string[] = [];
      (window as unknown as { __plotBoxes: string[] }).__plotBoxes = boxes;
      const record = () => {
        const box = document.querySelector('.plot-area')?.getBoundingClientRect();
        if (box) boxes.push([box.x, box.y, box.width, box.height].map(Math.round).join(','));
        requestAnimationFrame(record);
      };
      document.addEventListener('DOMContentLoaded', record);
    });
    const app = new DescentLab(page);
    await app.open();
    await expect(page.locator('.run-card')).toHaveCount(6);
    const boxes = await page.evaluate(() => [
      ...new Set((window as unknown as { __plotBoxes: string[] }).__plotBoxes),
    ]);
    expect(boxes).toHaveLength(1);
    expect(await page.evaluate(() => window.__descentLab!.renderCounts().PlotArea)).toBe(1);
  });
}
