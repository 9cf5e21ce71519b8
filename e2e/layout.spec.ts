/**
 * Layout: presenting gives the plot the screen, the top bar keeps one row, lesson text is never
 * clipped, phones on their side and upright get a plot and text they can use.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

/** The plot's share of the screen below the top bar, and of the whole screen. */
function plotShare(page: Page): Promise<{ belowBar: number; screen: number }> {
  return page.evaluate(() => {
    const plot = document.querySelector('[data-testid="plot-panel"]')!.getBoundingClientRect();
    const bar = document.querySelector('.topbar')!.getBoundingClientRect();
    const area = plot.width * plot.height;
    return {
      belowBar: area / (innerWidth * (innerHeight - bar.bottom)),
      screen: area / (innerWidth * innerHeight),
    };
  });
}

/** The top bar's height and the height of one row of it (its tallest item and its padding). */
function topBarRows(page: Page): Promise<{ height: number; oneRow: number }> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.topbar')!;
    const style = getComputedStyle(bar);
    let tallest = 0;
    for (const item of bar.querySelectorAll(':scope > *, .topbar-menu-content > *')) {
      for (const rect of item.getClientRects()) tallest = Math.max(tallest, rect.height);
    }
    const frame =
      parseFloat(style.paddingTop) +
      parseFloat(style.paddingBottom) +
      parseFloat(style.borderTopWidth) +
      parseFloat(style.borderBottomWidth);
    return { height: bar.getBoundingClientRect().height, oneRow: tallest + frame };
  });
}

async function expectOneRow(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const { height, oneRow } = await topBarRows(page);
      return height - oneRow;
    })
    .toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

/**
 * What of the lesson panel's live sentences is cut: a caption wider than its box, a caption taller
 * than its box, the live section scrolling, or a caption outside the panel's visible part.
 */
function clippedCaptions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const panel = document.querySelector('[data-testid="lesson-panel"]')!;
    const visible = panel.getBoundingClientRect();
    const live = panel.querySelector('.lesson-live')!;
    if (live.scrollHeight > live.clientHeight + 1) cut.push('the live section scrolls');
    for (const caption of panel.querySelectorAll<HTMLElement>('.lesson-caption')) {
      const text = caption.textContent ?? '';
      if (caption.scrollWidth > caption.clientWidth) cut.push(`too wide: ${text}`);
      if (caption.scrollHeight > caption.clientHeight + 1) cut.push(`too tall: ${text}`);
      const box = caption.getBoundingClientRect();
      if (box.top < visible.top - 0.5 || box.bottom > visible.bottom + 0.5)
        cut.push(`out of sight: ${text}`);
    }
    for (const box of panel.querySelectorAll<HTMLElement>('.lesson-body, .lesson-footer'))
      if (box.scrollWidth > box.clientWidth) cut.push(`${box.className} scrolls sideways`);
    return cut;
  });
}

/** The playback row fits its box (nothing cut off at its right end). */
const playbackOverflow = (page: Page) =>
  page.locator('.playback').evaluate((element) => element.scrollWidth - element.clientWidth);

test.describe('presenting on a projector', () => {
  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
  ]) {
    test(`at ${width}×${height} the plot has ≥ 60% of the screen below the top bar, ≥ 45% beside a lesson whose sentences are never cut`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height });
      const app = new DescentLab(page);
      await app.open('/?present=1');
      await expect(page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expectOneRow(page);
      // The sidebar is a drawer, closed: the run cards are out of the way.
      await expect(app.runCard('Adam')).toBeHidden();
      await expect.poll(async () => (await plotShare(page)).belowBar).toBeGreaterThanOrEqual(0.6);
      expect(await playbackOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`present-${width}.png`) });

      // Chapter 3 has the most live sentences (four runs); every chapter is checked.
      await page.locator('body').press('3');
      await expect(app.lessonPanel).toBeVisible();
      await expectOneRow(page);
      await expect.poll(async () => (await plotShare(page)).belowBar).toBeGreaterThanOrEqual(0.45);
      expect(await playbackOverflow(page)).toBeLessThanOrEqual(0);
      // The timeline stays long enough to scrub (it once shrank to 60 px beside the lesson).
      expect((await page.locator('.playback .timeline').boundingBox())!.width).toBeGreaterThan(
        0.2 * (await page.locator('.playback').boundingBox())!.width,
      );
      await page.screenshot({ path: testInfo.outputPath(`present-${width}-lesson.png`) });
      // The 2D chapters (chapter 6 shows the network view instead of the plot).
      for (const chapter of ['1', '2', '3', '4', '5']) {
        await page.locator('body').press(chapter);
        await expect(app.lessonPanel.getByText(`Chapter ${chapter} of 6`)).toBeVisible();
        await expect.poll(() => clippedCaptions(page)).toEqual([]);
      }
      // The lesson's type is the controls' type: it grows with them.
      const sizes = await page.evaluate(() => ({
        root: getComputedStyle(document.documentElement).fontSize,
        lesson: getComputedStyle(document.querySelector('.lesson-body p')!).fontSize,
      }));
      expect(sizes.lesson).toBe(sizes.root);
    });
  }

  test('the sidebar is a drawer: the top bar’s Optimizers button opens it, Escape closes it and gives the focus back', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const app = new DescentLab(page);
    await app.open('/?present=1');
    const toggle = page.getByRole('button', { name: 'Optimizers' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(app.runCard('Adam')).toBeHidden();

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(app.runCard('Adam')).toBeVisible();
    // The focus moved into the drawer: Tab walks its controls.
    expect(await page.evaluate(() => document.activeElement?.closest('.sidebar') !== null)).toBe(
      true,
    );
    // It lies over the plot's right side; the plot keeps its size.
    expect((await plotShare(page)).belowBar).toBeGreaterThanOrEqual(0.6);
    await page.screenshot({ path: testInfo.outputPath('drawer.png') });

    await page.keyboard.press('Escape');
    await expect(app.runCard('Adam')).toBeHidden();
    await expect(toggle).toBeFocused();
    // That Escape was the drawer's: the next one leaves presentation mode.
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    // Out of the mode the sidebar is a column again, and the drawer's button is gone.
    await expect(app.runCard('Adam')).toBeVisible();
    await expect(toggle).toBeHidden();
  });
});

test.describe('the top bar at 1280 px', () => {
  test('keeps one row with a long surface name, a typed formula or "Reset view", presenting or not; what does not fit is behind Menu', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    // A long name and a zoomed view ("Reset view" is offered).
    await app.open('/?v=1&s=styblinski_tang&view=-4~4~-4~4');
    await expectOneRow(page);
    await expect(app.button('Share')).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).click();
    await app.button('Reset view').click();
    await expect.poll(async () => (await app.scene()).view).toBeNull();
    await expectOneRow(page);

    // A typed formula's field, with and without presentation mode's large type.
    for (const present of ['', '&present=1']) {
      await app.open(`/?v=1&f=sin(x)*cos(y)%2Bx^2/10&view=-4~4~-4~4${present}`);
      await expect(page.getByRole('textbox', { name: 'f(x, y) =' })).toBeVisible();
      await expectOneRow(page);
      await page.screenshot({
        path: testInfo.outputPath(`topbar-formula${present ? '-present' : ''}.png`),
      });
    }
    // Presenting with a long name and the menu open: the bar itself still keeps one row.
    await app.open('/?v=1&s=styblinski_tang&view=-4~4~-4~4&present=1');
    await expectOneRow(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(app.button('Reset view')).toBeVisible();
    await expectOneRow(page);
  });

  test('lesson chapter buttons name their challenge', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?lesson=1');
    const chapters = app.lessonPanel.getByRole('navigation', { name: 'Chapters' });
    for (const name of [
      'Local minima',
      'Slow progress',
      'Different slopes',
      'Distributed training',
      'Saddle points',
      'Real networks',
    ])
      await expect(chapters.getByText(name, { exact: true })).toBeVisible();
    expect(await clippedCaptions(page)).toEqual([]);
  });
});

test.describe('a phone on its side (844×390)', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true });

  test('the plot has more than half the screen; the controls are in a bottom sheet', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    await app.open();
    await expectOneRow(page);
    expect((await plotShare(page)).screen).toBeGreaterThanOrEqual(0.5);
    const handle = page.getByRole('button', { name: 'Optimizers' });
    await expect(app.runCard('Adam')).toBeHidden();
    await handle.tap();
    await expect(app.runCard('Adam')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('landscape.png') });
  });
});

test.describe('an upright phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the top bar keeps one line, a long surface name cut short, its buttons still 44 px (two lines when presenting)', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    for (const query of ['/', '/?s=goldstein_price']) {
      await app.open(query);
      await expectOneRow(page);
      const surface = page.getByRole('button', { name: /^Surface:/ });
      const menu = page.locator('.topbar-menu-button');
      for (const button of [surface, menu]) {
        const box = (await button.boundingBox())!;
        expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    }
    await expect(page.getByRole('button', { name: 'Surface: Goldstein–Price' })).toBeVisible();
    // Presenting's large type takes two lines rather than squeezing the surface button away.
    await app.open('/?present=1');
    for (const button of [
      page.getByRole('button', { name: /^Surface:/ }),
      page.locator('.topbar-menu-button'),
    ]) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  });

  test('in the real-network chapter the network plot comes first and stays in view as the text scrolls', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    await page.goto('/?lesson=6');
    const plot = page.getByTestId('network-contours');
    await expect(plot).toBeVisible();
    const lesson = (await app.lessonPanel.boundingBox())!;
    let box = (await plot.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(lesson.y);
    await page.evaluate(() => window.scrollTo(0, 1200));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    box = (await plot.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(-1);
    expect(box.y).toBeLessThan(20);
    expect(box.height).toBeGreaterThan(200);
    await page.screenshot({ path: testInfo.outputPath('upright-network-lesson.png') });
  });

  test('the lesson is page text under a plot that stays in view, not a small scrolling window', async ({
    page,
  }, testInfo) => {
    const app = new DescentLab(page);
    await app.open('/?lesson=2');
    await expect(app.lessonPanel).toBeVisible();
    // Neither the panel nor its prose scrolls on its own: the page does.
    const scrollBoxes = await app.lessonPanel.evaluate((panel) =>
      [panel, ...panel.querySelectorAll<HTMLElement>('.lesson-live, .lesson-body')]
        .filter((box) => box.scrollHeight > box.clientHeight + 1)
        .map((box) => box.className),
    );
    expect(scrollBoxes).toEqual([]);

    // Read on: the page scrolls to the prose and the plot stays at the top of the screen.
    const paragraph = app.lessonPanel.locator('.lesson-body p').first();
    await page.evaluate(() => window.scrollTo(0, 600));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const plot = (await page.getByTestId('plot-panel').boundingBox())!;
    expect(plot.y).toBeGreaterThanOrEqual(-1);
    expect(plot.y).toBeLessThan(20);
    // Below it there is room to read: more than 300 px above the bottom sheet's handle.
    const handle = (await page.getByRole('button', { name: 'Optimizers' }).boundingBox())!;
    expect(handle.y - (plot.y + plot.height)).toBeGreaterThan(300);
    await paragraph.evaluate((element) =>
      window.scrollBy(0, element.getBoundingClientRect().top - 380),
    );
    const text = (await paragraph.boundingBox())!;
    expect(text.y).toBeGreaterThanOrEqual(plot.y + plot.height);
    expect(text.y + text.height).toBeLessThanOrEqual(handle.y);
    await page.screenshot({ path: testInfo.outputPath('upright-lesson.png') });
  });
});
