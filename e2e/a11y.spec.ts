import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab, waitForFrames } from './descentLab.ts';

/**
 * axe's findings as short lines (rule, impact, the elements), so a failure reads at a glance. Frames
 * (the share dialog's embed preview) are left out: the embed page has a test of its own, and its
 * landmarks would otherwise count as duplicates of the page's.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).exclude('iframe').analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test.describe('accessibility', () => {
  // An axe pass over the whole page takes seconds; on a busy machine, several times the default.
  test.slow();
  test('axe finds no violations on the main page, with notices and with the surface menu open', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?s=volcano&speed=fast');
    await app.pause();
    await expect(page.getByRole('status', { name: 'Notices' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Surface:/ }).click();
    await expect(page.getByRole('listbox', { name: 'Surface' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('axe finds no violations in the dialogs: shortcuts, share, export, an optimizer card', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The other engineers' dialogs, as far as they exist.
    for (const name of ['Share', 'Export', 'About Adam']) {
      const opener = page.getByRole('button', { name, exact: true });
      if ((await opener.count()) === 0) continue;
      await opener.click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axeViolations(page), `${name} dialog`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
  });

  test('axe finds no violations with the lessons or the lab open beside the plot', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    for (const [name, panel] of [
      ['Lessons', page.getByRole('navigation', { name: 'Chapters' })],
      ['Lab', page.locator('#lab-panel')],
    ] as const) {
      const opener = page.getByRole('button', { name, exact: true });
      if ((await opener.count()) === 0) continue;
      await opener.click();
      await expect(panel).toBeVisible();
      expect(await axeViolations(page), `${name} panel`).toEqual([]);
      await opener.click();
      await expect(panel).toBeHidden();
    }
  });

  test('axe finds no violations in presentation mode', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?present=1');
    await app.pause();
    await expect(page.locator('html[data-presenting]')).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('axe finds no violations in embed mode', async ({ page }) => {
    await page.goto('/?embed=1&autoplay=0');
    await expect(page.getByTestId('plot-panel').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

    test('axe finds no violations with the bottom sheet open', async ({ page }) => {
      const app = new DescentLab(page);
      await app.open();
      await app.pause();
      await page.getByRole('button', { name: 'Optimizers' }).click();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  test('Tab reaches the controls in reading order, each with a visible focus ring', async ({
    page,
  }) => {
    // Reduced motion starts paused, so nothing has to be clicked (which would move the Tab start).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new DescentLab(page);
    await app.open();
    const stops: { name: string; ring: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const style = getComputedStyle(element);
          const name =
            element.getAttribute('aria-label') ??
            (element.textContent?.trim() || element.getAttribute('type') || element.tagName);
          return {
            name,
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        }),
      );
    }
    expect(stops.filter((stop) => !stop.ring)).toEqual([]);
    const names = stops.map((stop) => stop.name);
    const order = ['Present', 'Play', 'Timeline', 'Add optimizer'].map((name) =>
      names.findIndex((n) => n === name || n.startsWith(name)),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The start point on the plot is a stop between the top bar and the playback bar.
    const startStop = names.findIndex((n) => n.startsWith('Start point'));
    expect(startStop).toBeGreaterThan(order[0]);
    expect(startStop).toBeLessThan(order[1]);
  });

  test('with prefers-reduced-motion the race starts paused', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new DescentLab(page);
    await app.open();
    await expect(app.button('Play')).toBeVisible();
    await waitForFrames(page, 10);
    expect(await app.step()).toBe(0);
    await app.button('Play').click();
    await expect.poll(() => app.step()).toBeGreaterThan(3);
  });

  test('a live region tells the race in words when it ends', async ({ page }) => {
    const app = new DescentLab(page);
    // Adam arrives at the bowl's minimum; SGD with lr 3 multiplies x by −5 each step and overflows.
    await app.open('/?v=1&s=quadratic&runs=adam!lr_0.1,sgd!lr_3&start=2~1.5&steps=400&speed=1000');
    const summary = page.getByRole('status', { name: 'Race summary' });
    await expect(app.button('Play')).toBeVisible({ timeout: 10_000 });
    await expect(summary).toHaveText(
      /^Adam reached loss below 1\.00e-6 in \d+ steps; SGD diverged at step \d+\.$/,
    );
  });
});
