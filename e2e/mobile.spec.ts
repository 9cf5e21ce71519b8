import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

const PHONE_WIDTH = 360;

test.use({ viewport: { width: PHONE_WIDTH, height: 640 }, hasTouch: true, isMobile: true });

/** How far the page reaches past the phone's width (a mobile browser would zoom out or scroll). */
const horizontalOverflow = (page: Page) =>
  page.evaluate((width) => document.documentElement.scrollWidth - width, PHONE_WIDTH);

/** The visible x-span of the first plot, in world units (the view grows to fill the box). */
async function visibleSpanX(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { store, controller } = window.__descentLab!;
    const view = store.getState().scene.view ?? controller.surface.view;
    const box = document.querySelector('[data-testid="plot-panel"]')!.getBoundingClientRect();
    const spanX = view.xMax - view.xMin;
    const spanY = view.yMax - view.yMin;
    return box.width / Math.min(box.width / spanX, box.height / spanY);
  });
}

/** One touch gesture through the browser's input pipeline: fingers move in `steps` straight lines. */
async function touchGesture(
  cdp: CDPSession,
  from: [number, number][],
  to: [number, number][],
  steps = 8,
): Promise<void> {
  const at = (t: number) =>
    from.map(([x, y], id) => ({ x: x + (to[id][0] - x) * t, y: y + (to[id][1] - y) * t, id }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Visible controls smaller than 44 × 44 px (for a checkbox or radio, its label is the target). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tooSmall: string[] = [];
    for (const control of document.querySelectorAll<HTMLElement>(
      'button, select, input, textarea',
    )) {
      if (control.getClientRects().length === 0 || control.closest('.visually-hidden')) continue;
      const isToggle = control.matches('input[type="checkbox"], input[type="radio"]');
      const target = isToggle
        ? (control.closest('label') ?? document.querySelector(`label[for="${control.id}"]`))
        : control;
      const box = (target ?? control).getBoundingClientRect();
      // Within a rounding error of 44.
      if (box.width < 43.5 || box.height < 43.5) {
        const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? '';
        tooSmall.push(`${control.tagName} "${name}" ${box.width}×${box.height}`);
      }
    }
    return tooSmall;
  });
}

test.describe('on a 360 × 640 phone', () => {
  test('nothing scrolls sideways, the top bar folds into a menu, the controls sit in a bottom sheet, touch targets are ≥ 44 px', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    // The top bar keeps to a line or two: the plot starts high on the screen.
    const plot = (await page.getByTestId('plot-panel').boundingBox())!;
    expect(plot.y).toBeLessThan(130);
    await page.screenshot({ path: testInfo.outputPath('phone.png') });

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.tap();
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('phone-menu.png') });
    await menu.tap();
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeHidden();

    const handle = page.getByRole('button', { name: 'Optimizers' });
    await expect(handle).toHaveAttribute('aria-expanded', 'false');
    await expect(app.runCard('Adam')).toBeHidden();
    await handle.tap();
    await expect(handle).toHaveAttribute('aria-expanded', 'true');
    await expect(app.runCard('Adam')).toBeVisible();
    // The sheet its "Optimizers" handle opens starts with the run cards, the surface's text after.
    const firstCard = (await app.runCard('SGD').boundingBox())!;
    const surfaceInfo = (await page.locator('.sheet-content .surface-info').boundingBox())!;
    expect(firstCard.y).toBeLessThan(surfaceInfo.y);
    expect(firstCard.y).toBeLessThan(640);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('phone-sheet.png') });

    await handle.tap();
    await page.getByRole('button', { name: /^Surface:/ }).tap();
    await expect(page.getByRole('listbox', { name: 'Surface' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('phone-surfaces.png') });
  });

  test('a tap sets the start where the finger was', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const before = await app.startPoint();
    const box = (await page.getByTestId('plot-interaction').boundingBox())!;
    const tap: [number, number] = [box.x + box.width * 0.3, box.y + box.height * 0.7];
    await page.touchscreen.tap(...tap);
    await expect.poll(() => app.startPoint()).not.toEqual(before);
    const marker = (await page.getByRole('button', { name: /^Start point/ }).boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - tap[0])).toBeLessThan(2);
    expect(Math.abs(marker.y + marker.height / 2 - tap[1])).toBeLessThan(2);
  });

  test('two fingers pinch to zoom and one finger pans, without moving the start', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const start = await app.startPoint();
    const box = (await page.getByTestId('plot-interaction').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const cdp = await page.context().newCDPSession(page);
    const spanBefore = await visibleSpanX(page);

    // Fingers 80 px apart spread to 160 px: twice the scale, half the span.
    await touchGesture(
      cdp,
      [
        [cx - 40, cy],
        [cx + 40, cy],
      ],
      [
        [cx - 80, cy],
        [cx + 80, cy],
      ],
    );
    await expect.poll(() => visibleSpanX(page)).toBeLessThan(spanBefore * 0.6);
    expect(await visibleSpanX(page)).toBeGreaterThan(spanBefore * 0.4);
    expect(await app.startPoint()).toEqual(start);

    const view = () => page.evaluate(() => window.__descentLab!.store.getState().scene.view!);
    const zoomed = await view();
    await touchGesture(cdp, [[cx, cy]], [[cx + 60, cy]]);
    await expect.poll(async () => (await view()).xMin).toBeLessThan(zoomed.xMin);
    expect((await view()).yMin).toBeCloseTo(zoomed.yMin, 9);
    expect(await app.startPoint()).toEqual(start);
  });
});
