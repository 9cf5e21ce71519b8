import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ARTICLE_SIX } from './descentLab.ts';

/** The network view, by what a person sees in it. */
class NetworkView {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByRole('region', { name: 'Real network' });
  }

  get status() {
    return this.panel.getByRole('status');
  }

  get contours() {
    return this.page.getByTestId('network-contours');
  }

  async waitForLandscape(): Promise<void> {
    await expect(this.contours).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  }

  /** The text of each run's row in the table: name and numbers. */
  rows(): Promise<string[]> {
    return this.page.getByTestId('network-run').allInnerTexts();
  }

  /** The plane's columns (share in plane, distance off it): fixed once the runs are trained. */
  async planeColumns(): Promise<string[]> {
    const rows = await this.page.getByTestId('network-run').all();
    return Promise.all(
      rows.map(async (row) => (await row.locator('td').allInnerTexts()).slice(4).join(' ')),
    );
  }

  /** The playback clock's step, paused there. */
  async seek(step: number): Promise<void> {
    await this.page.evaluate((target) => {
      const lab = window.__descentLab!;
      lab.store.getState().pause();
      lab.controller.seek(target);
    }, step);
  }
}

/** How many distinct colours a canvas shows (its pixels read back): blank is 1. */
function colourCount(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) {
      seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
    }
    return seen.size;
  });
}

test.describe('the network view', () => {
  test.setTimeout(180_000);

  test('trains six optimizers, draws contours, paths and decision regions; a link reproduces it', async ({
    page,
    context,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Neural network…' }).click();
    const view = new NetworkView(page);
    await expect(view.panel).toBeVisible();
    // While the runs train, the clock waits at step 0 (it showed the steps the surface had played).
    // Read together, as the training may be over by the time a second look comes.
    const whileTraining = await view.panel.evaluate((panel) => ({
      status: panel.querySelector('[role="status"]')?.textContent ?? '',
      step: document.querySelector('[data-testid="step-counter"]')?.textContent ?? '',
    }));
    if (whileTraining.status.includes('Training')) expect(whileTraining.step).toMatch(/^Step 0 \//);
    await expect(page.getByTestId('network-architecture')).toHaveText('[2, 16, 16, 1]');
    await expect(page.getByTestId('network-parameters')).toHaveText('337');
    await view.waitForLandscape();
    await expect(view.status).toContainText('Landscape ready');

    await view.seek(300);
    await expect(page.getByTestId('network-run')).toHaveCount(6);
    // Who is who on the plot: a legend names each run, with its marker.
    const legend = view.panel.getByTestId('legend');
    await expect(legend.locator('li')).toHaveText(ARTICLE_SIX);
    await expect(legend.locator('li svg path')).toHaveCount(6);
    // Every run trained: its test accuracy at the last step is a percentage, well above chance.
    for (const row of await view.rows()) {
      const accuracy = Number(/(\d+) %\s+\S+ %\s+\S+$/.exec(row)?.[1]);
      expect(accuracy, row).toBeGreaterThan(80);
    }
    expect(await colourCount(view.contours)).toBeGreaterThan(10);
    expect(await colourCount(page.getByTestId('network-paths'))).toBeGreaterThan(6);
    const decisions = page.getByTestId('network-decision');
    await expect(decisions).toHaveCount(6);
    for (const canvas of await decisions.all())
      expect(await colourCount(canvas)).toBeGreaterThan(3);
    await page.screenshot({ path: 'test-results/network-1280x800.png' });
    // Newton cannot take this net: its choice is there, greyed out, saying why.
    const newton = page
      .getByRole('combobox', { name: 'Add optimizer' })
      .locator('option', { hasText: 'Newton' });
    await expect(newton).toBeDisabled();
    await expect(newton).toHaveText('Newton needs the 337×337 Hessian: only up to 64 parameters');

    const link = page.url();
    expect(link).toContain('net=1~moons~400~');
    const rows = await view.rows();
    const plane = await view.planeColumns();
    const other = await context.newPage();
    await other.goto(link);
    const again = new NetworkView(other);
    await again.waitForLandscape();
    await again.seek(300);
    expect(await again.planeColumns()).toEqual(plane);
    await expect.poll(() => again.rows()).toEqual(rows);
  });

  test('an embed of a network scene shows its network plot with its legend, not the 2D surface underneath, and no controls', async ({
    page,
  }) => {
    // The small linear-regression net of the test below: at 800×500 the embed is the plot.
    await page.setViewportSize({ width: 800, height: 500 });
    await page.goto(
      '/?v=1&s=beale&runs=sgd!lr_2,adam!lr_0.01&steps=60&net=1~linear~400~0.1~0.2~8~tanh~pca~21~60&embed=1',
    );
    const view = new NetworkView(page);
    await view.waitForLandscape();
    await expect(page.getByTestId('plot-panel')).toHaveCount(0);
    const paths = page.getByTestId('network-paths');
    await expect(paths).toBeInViewport();
    const box = (await paths.boundingBox())!;
    expect(box.height).toBeGreaterThan(250);
    // Who is who: the legend's names in the frame with the plot.
    await expect(page.getByTestId('legend')).toBeInViewport({ ratio: 1 });
    // The experiment, not the means to change it: no form, and no way out of the network view.
    await expect(page.getByLabel('Hidden layers')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Back to surfaces' })).toBeHidden();
    await page.screenshot({ path: 'test-results/network-embed-800x500.png' });
  });

  test("the sidebar's run cards tell the network runs' own state: the loss of the table, an exploding run", async ({
    page,
  }) => {
    // Linear-regression data on a [2, 8, 1] net: SGD at lr 2 blows up, Adam trains. On the 2D
    // surface underneath, the same runs would tell another story.
    await page.goto(
      '/?v=1&s=beale&runs=sgd!lr_2,adam!lr_0.01&steps=60&net=1~linear~400~0.1~0.2~8~tanh~pca~21~60',
    );
    const view = new NetworkView(page);
    await view.waitForLandscape();
    await view.seek(60);
    const card = (label: string) =>
      page.getByRole('region', { name: label, exact: true }).getByTestId('run-status');
    await expect(card('SGD')).toContainText(/loss grew 1e\d+× — exploding/);
    await expect(card('Adam')).toContainText('train loss');
    // The sidebar keeps only what acts on the network: no start points, no added gradient noise,
    // no update anatomy of the 2D run underneath.
    await expect(page.getByRole('radio', { name: 'One point' })).toHaveCount(0);
    await expect(page.getByRole('slider', { name: /Gradient noise/ })).toHaveCount(0);
    await expect(page.getByText('Update anatomy')).toHaveCount(0);
    await expect(page.getByRole('spinbutton', { name: 'Seed' })).toBeVisible();
    const shown = Number(/train loss (\S+)/.exec((await card('Adam').textContent()) ?? '')?.[1]);
    const adamRow = page.getByTestId('network-run').filter({ hasText: 'Adam' });
    const table = Number(await adamRow.locator('td').first().textContent());
    expect(Math.abs(shown - table) / table).toBeLessThan(0.005);
    // 33 parameters: Newton may train this one.
    await expect(
      page
        .getByRole('combobox', { name: 'Add optimizer' })
        .locator('option', { hasText: 'Newton' }),
    ).toBeEnabled();
  });

  test('presenting on a projector, the plot is larger and drawn at the size shown', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?present=1&lesson=6');
    const view = new NetworkView(page);
    await view.waitForLandscape();
    for (const testId of ['network-contours', 'network-paths']) {
      const canvas = page.getByTestId(testId);
      const box = (await canvas.boundingBox())!;
      // 420 × 360 elsewhere; what the room reads from the back.
      expect(box.width).toBeGreaterThan(440);
      // Drawn, not scaled up: at least one canvas pixel per pixel shown.
      const backing = await canvas.evaluate((element: HTMLCanvasElement) => element.width);
      expect(backing).toBeGreaterThanOrEqual(box.width);
    }
    // Still all on the screen: the plot ends above the playback bar.
    const plot = (await view.contours.boundingBox())!;
    const playback = (await page.locator('.playback').boundingBox())!;
    expect(plot.y + plot.height).toBeLessThanOrEqual(playback.y + 1);
  });

  test("chapter 6's race starts from step 0 when the runs have trained, and plays on", async ({
    page,
  }) => {
    // Frame by frame, watch for the paths' first pixels and note the step shown with them.
    await page.addInitScript(() => {
      const watch = () => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=network-paths]');
        const pixels = canvas?.width
          ? canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
          : [];
        for (let i = 3; i < pixels.length; i += 4) {
          if (pixels[i] !== 0) {
            const step = document.querySelector('[data-testid=network-step]')?.textContent;
            document.documentElement.dataset.stepWhenPathsAppeared = step ?? '';
            return;
          }
        }
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await page.goto('/?lesson=6');
    const view = new NetworkView(page);
    await expect(view.status).toContainText('Training', { timeout: 30_000 });
    const root = page.locator('html');
    await expect(root).toHaveAttribute('data-step-when-paths-appeared', /^\d+$/, {
      timeout: 120_000,
    });
    const appeared = Number(await root.getAttribute('data-step-when-paths-appeared'));
    // Training takes seconds, long enough for a free-running clock to reach the end (300). Held,
    // the race is on its first frames: a frame advances at most 0.1 s of play, and the watcher
    // may look one frame late.
    const speed = await page.evaluate(() => window.__descentLab!.store.getState().scene.speed);
    expect(appeared).toBeLessThanOrEqual(Math.ceil(0.2 * speed));
    // …and the race is playing.
    await expect
      .poll(async () => Number(await page.getByTestId('network-step').textContent()))
      .toBeGreaterThan(appeared);
    await view.waitForLandscape();
  });

  test('a grid cancelled midway leaves a working page', async ({ page }) => {
    await page.goto(
      // A grid heavy enough (61 × 61 on a [2, 32, 32, 1] net) to be still sampling at the click.
      '/?v=1&s=beale&runs=sgd!lr_0.5,adam!lr_0.01&steps=60&net=1~xor~400~0.1~0.2~32.32~tanh~pca~61~60',
    );
    const view = new NetworkView(page);
    await expect(view.status).toContainText('Sampling the 61 × 61 landscape', { timeout: 90_000 });
    await view.panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(view.status).toContainText('Cancelled: nothing is computing');
    await expect(view.contours).toHaveAttribute('data-ready', 'false');

    // The page still works: train again to a finished landscape, then back to the surfaces.
    await view.panel.getByRole('button', { name: 'Train again' }).click();
    await view.waitForLandscape();
    await view.panel.getByRole('button', { name: 'Back to surfaces' }).click();
    await expect(view.panel).toBeHidden();
    await expect(page.getByRole('region', { name: 'Plot' })).toBeVisible();
    await expect.poll(() => page.url()).not.toContain('net=');
  });
});
