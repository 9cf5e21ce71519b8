import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

const presentButton = (page: Page) => page.getByRole('button', { name: 'Present', exact: true });
const speed = (page: Page) =>
  page.evaluate(() => window.__descentLab!.store.getState().scene.speed);
const presenting = (page: Page) =>
  page.evaluate(() => document.documentElement.hasAttribute('data-presenting'));

test.describe('presentation mode', () => {
  test('the keyboard drives it: P enters, ? lists the keys, Space/arrows/R/+/− work, Esc leaves', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    await page.locator('body').press('p');
    await expect(presentButton(page)).toHaveAttribute('aria-pressed', 'true');
    expect(await presenting(page)).toBe(true);
    await expect.poll(() => page.url()).toContain('present=1');

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    for (const action of ['Play or pause', 'Enter or leave presentation mode', 'Show this list'])
      await expect(dialog.getByRole('row', { name: new RegExp(action) })).toBeVisible();
    // Escape closes the dialog first; the mode stays on.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await presenting(page)).toBe(true);

    await page.keyboard.press('r');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(app.stepCounter).toHaveText(/^Step 2 /);
    const before = await speed(page);
    await page.keyboard.press('+');
    expect(await speed(page)).toBe(before * 2);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await speed(page)).toBe(before / 2);
    await page.keyboard.press('Space');
    await expect(app.button('Pause')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(app.button('Play')).toBeVisible();

    // Fullscreen may be refused by a headless browser; the mode carries on in the window.
    await page.keyboard.press('f');
    expect(await presenting(page)).toBe(true);

    // An open menu closes first; the next Escape leaves the mode.
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await expect(page.getByRole('listbox', { name: 'Surface' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox', { name: 'Surface' })).toHaveCount(0);
    expect(await presenting(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(presentButton(page)).toHaveAttribute('aria-pressed', 'false');
    expect(await presenting(page)).toBe(false);
    await expect.poll(() => page.url()).not.toContain('present=1');
  });

  test('fullscreen follows F and Esc; a browser that refuses it still gets the mode', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
    await page.locator('body').press('p');
    await expect.poll(fullscreen).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(fullscreen).toBe(false);
    expect(await presenting(page)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(fullscreen).toBe(true);
    // The browser's own way out of fullscreen (its Esc key) leaves the mode too.
    await page.evaluate(() => document.exitFullscreen());
    await expect(presentButton(page)).toHaveAttribute('aria-pressed', 'false');

    await page.evaluate(() => {
      Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('not allowed'));
    });
    await page.keyboard.press('p');
    await expect(page.getByRole('status').filter({ hasText: 'refused fullscreen' })).toBeVisible();
    expect(await presenting(page)).toBe(true);
  });

  test('number keys open the lesson chapters; while presenting, Page Down / Page Up turn them', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.locator('body').press('2');
    await expect(page.getByText('Chapter 2 of 6')).toBeVisible();
    await expect.poll(() => page.url()).toContain('lesson=2');
    // Outside presentation mode Page Down is the browser's.
    await page.keyboard.press('PageDown');
    await expect(page.getByText('Chapter 2 of 6')).toBeVisible();
    await page.keyboard.press('p');
    await page.keyboard.press('PageDown');
    await expect(page.getByText('Chapter 3 of 6')).toBeVisible();
    await page.keyboard.press('PageDown');
    await expect(page.getByText('Chapter 4 of 6')).toBeVisible();
    await page.keyboard.press('PageUp');
    await expect(page.getByText('Chapter 3 of 6')).toBeVisible();
    await expect.poll(() => page.url()).toContain('lesson=3');
    await page.locator('body').press('6');
    await expect(page.getByText('Chapter 6 of 6')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Real network' })).toBeVisible();
  });

  test('large type, large markers and a high-contrast theme; a present=1 link opens in it', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=rosenbrock&steps=300&present=1');
    await expect(presentButton(page)).toHaveAttribute('aria-pressed', 'true');
    // At 1280 px the large type would wrap the top bar: its secondary controls fold behind Menu.
    await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
    const bar = await page.locator('.topbar').boundingBox();
    expect(bar!.height).toBeLessThan(60);
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('150');
    await expect(app.stepCounter).toHaveText(/^Step 150 /);
    const style = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      return {
        fontSize: root.fontSize,
        text: root.color,
        background: root.backgroundColor,
        axisLabel: getComputedStyle(document.querySelector('.axes text')!).fontSize,
      };
    });
    expect(style).toEqual({
      fontSize: '22px',
      text: 'rgb(0, 0, 0)',
      background: 'rgb(255, 255, 255)',
      axisLabel: '18px',
    });
    await page.screenshot({ path: testInfo.outputPath('presentation.png') });
    const large = await app.headInk();

    await presentButton(page).click();
    await expect(presentButton(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(app.stepCounter).toHaveText(/^Step 150 /);
    // Markers and their labels do not grow with the plot: twice the size is about 4 times the ink.
    await expect
      .poll(async () => {
        const ink = await app.headInk();
        return ink > 0 ? large / ink : 0;
      })
      .toBeGreaterThan(2.5);
  });
});
