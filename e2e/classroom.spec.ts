import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ARTICLE_SIX, DescentLab } from './descentLab.ts';

/**
 * What a class spends its time on: a learning rate that is too high, telling runs apart, and the
 * keyboard driving playback whatever was clicked last.
 */

/**
 * Share of the plots' pixels where the trail and head canvases let the contours through (mostly
 * transparent), over every plot panel on the page.
 */
async function contourShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    let clear = 0;
    let total = 0;
    for (const panel of document.querySelectorAll('[data-testid="plot-panel"]')) {
      const layers = ['trail-canvas', 'head-canvas'].map((id) => {
        const canvas = panel.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
        // Read through a copy: the trail canvas is drawn through its OffscreenCanvas (no context here).
        const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d')!;
        copy.drawImage(canvas, 0, 0);
        return { canvas, data: copy.getImageData(0, 0, canvas.width, canvas.height).data };
      });
      const [trails, heads] = layers;
      // Both canvases cover the panel; compare them at the head canvas's resolution.
      const { width, height } = heads.canvas;
      const sx = trails.canvas.width / width;
      const sy = trails.canvas.height / height;
      for (let y = 0; y < height; y += 2) {
        for (let x = 0; x < width; x += 2) {
          const t = 4 * (Math.floor(y * sy) * trails.canvas.width + Math.floor(x * sx)) + 3;
          const h = 4 * (y * width + x) + 3;
          total++;
          if (trails.data[t] < 128 && heads.data[h] < 128) clear++;
        }
      }
    }
    return clear / total;
  });
}

async function waitForStep(page: Page, step: number): Promise<void> {
  await expect
    .poll(
      async () =>
        Number(
          /Step (\d+)/.exec((await page.getByTestId('step-counter').textContent()) ?? '')?.[1],
        ),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThanOrEqual(step);
}

const SGD_TOO_HIGH = '?runs=sgd!lr_100,momentum,nesterov,adagrad,rmsprop,adam';
const ALL_TOO_HIGH =
  '?s=rosenbrock&runs=sgd!lr_1000,momentum!lr_1000,nesterov!lr_1000,adagrad!lr_1000,rmsprop!lr_1000,adam!lr_1000';

test.describe('a learning rate that is too high', () => {
  for (const [scene, query] of [
    ['SGD at lr 100 on Beale', SGD_TOO_HIGH],
    ['all six at lr 1000 on Rosenbrock', ALL_TOO_HIGH],
  ])
    for (const [where, extra] of [
      ['overlay', ''],
      ['side by side', '&layout=side'],
      ['an embed', '&embed=1'],
    ])
      test(`${scene} leaves the contours visible in ${where}`, async ({ page }) => {
        const app = new DescentLab(page);
        await app.open(`/${query}${extra}`);
        await waitForStep(page, 40);
        expect(await contourShare(page)).toBeGreaterThanOrEqual(0.8);
      });

  test('a diverged run is named on its card, and an exploding one is not called diverged', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open(`/${ALL_TOO_HIGH}`);
    // At step 40, paused: Adam's loss is 1e11 there but settles near 2e4 after step 141, which a
    // busy machine's clock could reach before the cards are read.
    await app.pause();
    await app.seek(40);
    await expect(app.runCard('SGD').getByTestId('run-status')).toHaveText(/^diverged at step \d+$/);
    await expect(app.runCard('Adam').getByTestId('run-status')).toHaveText(
      /left the view at step \d+ · loss grew 1e\d+× — exploding/,
    );
  });
});

test.describe('who is who', () => {
  for (const [where, path] of [
    ['the live plot', '/'],
    ['an embed', '/?embed=1'],
    ['presentation mode', '/?present=1'],
  ])
    test(`a legend names every run in ${where}`, async ({ page }) => {
      const app = new DescentLab(page);
      await app.open(path);
      const legend = page.getByTestId('legend');
      await expect(legend).toBeVisible();
      await expect(legend.getByRole('button')).toHaveText(ARTICLE_SIX);
    });

  test('the legend moves off a run that left the view under it, and back when it has not yet', async ({
    page,
  }) => {
    // On a phone, lesson 5's Perturbed GD leaves the saddle at the top centre, under the legend.
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new DescentLab(page);
    await app.open('/?lesson=5');
    await app.pause();
    const legend = page.getByTestId('legend');
    await app.seek(200);
    await expect(legend).not.toHaveAttribute('data-corner', 'top-right');
    const plot = (await page.getByTestId('plot-panel').boundingBox())!;
    const box = (await legend.boundingBox())!;
    // Clear of the exit arrow, which sits at the top edge's centre.
    expect(box.y).toBeGreaterThan(plot.y + plot.height / 2);
    await app.seek(0);
    await expect(legend).toHaveAttribute('data-corner', 'top-right');
  });

  test('clicking a legend entry hides and shows its run', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const adam = page.getByTestId('legend').getByRole('button', { name: 'Adam' });
    await adam.click();
    await expect(adam).toHaveAttribute('aria-pressed', 'false');
    await expect(
      app.runCard('Adam').getByRole('checkbox', { name: 'Show Adam' }),
    ).not.toBeChecked();
    await adam.click();
    await expect(adam).toHaveAttribute('aria-pressed', 'true');
  });

  test('a run looks the same whatever its place in the list, and a copy is numbered', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?runs=adam,sgd');
    const marker = (name: string) =>
      page.getByTestId('legend').getByRole('button', { name, exact: true }).locator('path');
    const adamFirst = await marker('Adam').getAttribute('fill');
    await app.open('/?runs=sgd,momentum,adam');
    expect(await marker('Adam').getAttribute('fill')).toBe(adamFirst);
    await page.getByRole('button', { name: 'Duplicate Adam' }).click();
    await expect(marker('Adam 2')).toBeVisible();
    expect(await marker('Adam 2').getAttribute('fill')).not.toBe(adamFirst);
  });
});

test.describe('keys drive playback', () => {
  const controls: [string, (page: Page) => Promise<void>][] = [
    [
      'a checkbox',
      async (page) => {
        const box = page.getByRole('checkbox', { name: 'Show SGD' });
        await box.click();
        await box.click();
      },
    ],
    ['a radio button', (page) => page.getByRole('radio', { name: 'One point' }).click()],
    ['a slider', (page) => page.getByRole('slider', { name: 'Speed' }).click()],
    ['a button', (page) => page.getByRole('button', { name: 'Step forward' }).click()],
  ];
  for (const [kind, click] of controls)
    test(`Space pauses and → steps after clicking ${kind}`, async ({ page }) => {
      const app = new DescentLab(page);
      await app.open();
      await app.pause();
      await click(page);
      // The click may have stepped (Step forward): the counter shows it a frame later.
      const before = await page.evaluate(() => window.__descentLab!.controller.step);
      await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${before} `));
      await page.keyboard.press('ArrowRight');
      await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${before + 1} `));
      await page.keyboard.press('Space');
      await expect(app.button('Pause')).toBeVisible();
      await page.keyboard.press('Space');
      await expect(app.button('Play')).toBeVisible();
      // The clicked control did not take the keys: SGD is still shown.
      await expect(page.getByRole('checkbox', { name: 'Show SGD' })).toBeChecked();
    });

  test('a slider reached with the keyboard keeps its arrows until Escape gives them back', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const speed = page.getByRole('slider', { name: 'Speed' });
    await speed.focus();
    const step = await app.step();
    const before = await speed.getAttribute('aria-valuetext');
    await page.keyboard.press('ArrowRight');
    await expect(speed).not.toHaveAttribute('aria-valuetext', before!);
    expect(await app.step()).toBe(step);
    await page.keyboard.press('Escape');
    const after = await speed.getAttribute('aria-valuetext');
    await page.keyboard.press('ArrowRight');
    await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${step + 1} `));
    await expect(speed).toHaveAttribute('aria-valuetext', after!);
    await expect(speed).toBeFocused();
  });
});

test.describe('the address', () => {
  test('an unknown key gets a notice', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?s=rosenbrock&colour=red');
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
      'address: unknown key "colour"; ignored',
    );
  });

  test('Back returns to the previous surface, Forward comes back', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Rosenbrock' }).click();
    await expect(page.getByRole('heading', { name: 'Rosenbrock' })).toBeVisible();
    await expect.poll(() => page.url()).toContain('s=rosenbrock');
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Beale' })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'Rosenbrock' })).toBeVisible();
  });
});

test.describe('the start point and the view', () => {
  test('dragged off the plot the start stays on its edge, and a surface whose view leaves it out gives its own', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const plot = (await page.getByTestId('plot-interaction').first().boundingBox())!;
    const marker = (await page.locator('.start-marker').first().boundingBox())!;
    await page.mouse.move(marker.x + marker.width / 2, marker.y + marker.height / 2);
    await page.mouse.down();
    // Past the plot's bottom-right corner, over the chart and the sidebar.
    await page.mouse.move(plot.x + plot.width + 150, plot.y + plot.height + 100, { steps: 8 });
    await page.mouse.up();
    const { extent } = (await app.plotViewport()).viewport;
    const [x, y] = await app.startPoint();
    const tolerance = (extent.xMax - extent.xMin) / 100;
    expect(Math.abs(x - extent.xMax)).toBeLessThan(tolerance);
    expect(Math.abs(y - extent.yMin)).toBeLessThan(tolerance);

    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Rosenbrock' }).click();
    await expect(page.getByRole('heading', { name: 'Rosenbrock' })).toBeVisible();
    const [rx, ry] = await app.startPoint();
    // Rosenbrock's view is [-2, 2] × [-1, 3]: the start from Beale's corner would be off the plot.
    expect(rx).toBeGreaterThanOrEqual(-2);
    expect(rx).toBeLessThanOrEqual(2);
    expect(ry).toBeGreaterThanOrEqual(-1);
    expect(ry).toBeLessThanOrEqual(3);
  });

  test('a double-click undoes the zoom and leaves the start where it was', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const before = await app.startPoint();
    const plot = (await page.getByTestId('plot-interaction').first().boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height * 0.7);
    await page.mouse.wheel(0, -400);
    const sceneView = () => page.evaluate(() => window.__descentLab!.store.getState().scene.view);
    await expect.poll(sceneView).not.toBeNull();
    await page.mouse.dblclick(plot.x + plot.width * 0.3, plot.y + plot.height * 0.7);
    await expect.poll(sceneView).toBeNull();
    expect(await app.startPoint()).toEqual(before);
  });
});
