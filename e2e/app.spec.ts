import { expect, test } from './fixtures.ts';
import { ARTICLE_SIX, DescentLab, waitForFrames } from './descentLab.ts';
import { MAX_FRAME_SECONDS } from '../src/playback/frameLoop.ts';

test.describe('the race on first open', () => {
  test('opens already playing, with contours and six optimizers, and no console errors', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    for (const label of ['SGD', 'Momentum', 'Nesterov', 'Adagrad', 'RMSProp', 'Adam']) {
      await expect(app.runCard(label)).toBeVisible();
    }
    await expect(app.button('Pause')).toBeVisible();
    await expect.poll(() => app.step()).toBeGreaterThan(5);
    // Contours come from a Worker and may arrive after the first steps on a busy machine.
    await expect
      .poll(async () => (await app.canvasFingerprint('contour-canvas')).distinct)
      .toBeGreaterThan(10);
  });

  test('playing advances the step counter and draws new trail segments, without re-rendering React', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const before = await app.step();
    const trails = await app.canvasFingerprint('trail-canvas');
    const renders = await page.evaluate(() => window.__descentLab!.renderCount());
    await app.button('Play').click();
    await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(before + 30);
    expect((await app.canvasFingerprint('trail-canvas')).sum).not.toBe(trails.sum);
    // Clicking Play re-renders the playback bar once; frames must not add more.
    const afterPlay = await page.evaluate(() => window.__descentLab!.renderCount());
    await waitForFrames(page, 30);
    expect(await page.evaluate(() => window.__descentLab!.renderCount())).toBe(afterPlay);
    expect(afterPlay - renders).toBeLessThanOrEqual(2);
  });
});

test.describe('playback', () => {
  test('step forward, step back and reset move the timeline and restore earlier positions', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    await app.button('Reset').click();
    await expect(app.stepCounter).toHaveText(/^Step 0 /);
    const atStart = await app.position(5);
    await app.button('Step forward').click();
    await app.button('Step forward').click();
    await expect(app.stepCounter).toHaveText(/^Step 2 /);
    const atTwo = await app.position(5);
    expect(atTwo).not.toEqual(atStart);
    await app.button('Step back').click();
    await app.button('Step back').click();
    await expect(app.stepCounter).toHaveText(/^Step 0 /);
    expect(await app.position(5)).toEqual(atStart);
  });

  test('the timeline scrubs to any computed step', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await expect.poll(() => app.step()).toBeGreaterThan(40);
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('20');
    await expect(app.stepCounter).toHaveText(/^Step 20 /);
  });

  test('with a thousand starts per run, trails build up as the race plays and a scrub back redraws them', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&random=1000&steps=200');
    await app.pause();
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const crowd = page.getByTestId('crowd-canvas');
    const inkAt = async (step: number) => {
      await timeline.fill(String(step));
      await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${step} `));
      // A Worker paints the crowd; the canvas says which step it shows.
      await expect(crowd).toHaveAttribute('data-step', String(step));
      return app.inkedPixels('crowd-canvas');
    };
    const dotsOnly = await inkAt(0);
    expect(dotsOnly).toBeGreaterThan(1000);
    const shortTrails = await inkAt(10);
    expect(shortTrails).toBeGreaterThan(dotsOnly);
    const withTrails = await inkAt(60);
    expect(withTrails).toBeGreaterThan(2 * dotsOnly);
    // Back at step 10 the picture is redrawn from scratch: the same ink as on the way there
    // (not step 60's trails, nor a cleared canvas).
    expect(await inkAt(10)).toBe(shortTrails);
  });

  test('if the Worker that draws a thousand starts cannot load, a notice says so and playback goes on', async ({
    page,
  }) => {
    await page.route(/crowdWorker-.*\.js$/, (route) => route.abort());
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&random=1000&steps=200');
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
      'Runs with many particles cannot be drawn',
    );
    await expect(app.stepCounter).toHaveText(/^Step (\d{2,}) /);
  });

  test('keyboard: Space plays and pauses, arrows step, R resets', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.locator('body').press('Space');
    await expect(app.button('Play')).toBeVisible();
    await page.keyboard.press('r');
    await expect(app.stepCounter).toHaveText(/^Step 0 /);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(app.stepCounter).toHaveText(/^Step 3 /);
    await page.keyboard.press('ArrowLeft');
    await expect(app.stepCounter).toHaveText(/^Step 2 /);
    await page.keyboard.press('Space');
    await expect(app.button('Pause')).toBeVisible();
  });

  test('speed is in steps per second', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    await page.keyboard.press('r');
    await page.evaluate(() => window.__descentLab!.store.getState().setSpeed(200));
    await expect(page.getByText('200 steps/s')).toBeVisible();
    await app.button('Play').click();
    await expect.poll(() => app.step()).toBeGreaterThan(0);
    // Steps against the page's own clock, frame by frame: the timestamps requestAnimationFrame
    // hands the frame loop, each gap counting at most MAX_FRAME_SECONDS as the loop counts it. A
    // busy machine makes frames longer, never the count wrong.
    const frames = await page.evaluate(async () => {
      const { controller } = window.__descentLab!;
      const samples: { now: number; step: number }[] = [];
      for (let i = 0; i < 25; i++) {
        const now = await new Promise<number>(requestAnimationFrame);
        samples.push({ now, step: controller.step });
      }
      return samples;
    });
    const last = frames.length - 1;
    const seconds = (from: number, to: number) => {
      let sum = 0;
      for (let k = from; k <= to; k++)
        sum += Math.min(MAX_FRAME_SECONDS, (frames[k].now - frames[k - 1].now) / 1000);
      return sum;
    };
    // Our callback runs before or after the loop's in each frame: the steps between the first
    // and the last sample are those of frames 1…last−1 or 2…last.
    const steps = frames[last].step - frames[1].step;
    const expected = [200 * seconds(1, last - 1), 200 * seconds(2, last)];
    expect(steps).toBeGreaterThanOrEqual(Math.min(...expected) - 1);
    expect(steps).toBeLessThanOrEqual(Math.max(...expected) + 1);
  });
});

test.describe('the plot', () => {
  test('clicking the plot moves the start of every run', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    const before = await app.startPoint();
    const box = (await page.getByTestId('plot-interaction').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    const after = await app.startPoint();
    expect(after).not.toEqual(before);
    await expect(app.button('Pause')).toBeVisible();
    await app.pause();
    await page.keyboard.press('r');
    for (const run of [0, 3, 5]) {
      const [x, y] = await app.position(run);
      expect(x).toBeCloseTo(after[0], 9);
      expect(y).toBeCloseTo(after[1], 9);
    }
  });

  test('the focused start marker moves with the arrow keys', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const [x, y] = await app.startPoint();
    await page.getByRole('button', { name: /^Start point/ }).focus();
    await page.keyboard.press('ArrowUp');
    const [x2, y2] = await app.startPoint();
    expect(x2).toBe(x);
    expect(y2).toBeGreaterThan(y);
  });

  test('hovering shows x, y, f and the gradient norm', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const box = (await page.getByTestId('plot-interaction').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.locator('.hover-readout')).toHaveText(/x .*, y .* · f .* · ‖∇f‖ /);
  });

  test('side by side shows one panel per run on one clock', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.getByRole('switch', { name: 'Side by side' }).check();
    await expect(page.getByTestId('plot-panel')).toHaveCount(6);
    await expect(page.locator('.panel-title')).toHaveText(ARTICLE_SIX);
    await page.getByRole('switch', { name: 'Side by side' }).uncheck();
    await expect(page.getByTestId('plot-panel')).toHaveCount(1);
  });
});

test.describe('runs and hyperparameters', () => {
  test('changing lr restarts that run with a different path', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.pause();
    await page.keyboard.press('r');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    const before = await app.position(5);
    const lr = app.runCard('Adam').getByRole('textbox', { name: 'lr', exact: true });
    await lr.fill('0.2');
    await expect(app.stepCounter).toHaveText(/^Step 10 /);
    const after = await app.position(5);
    expect(after).not.toEqual(before);
  });

  test('a huge learning rate shows where and when the run diverged', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.runCard('SGD').getByRole('textbox', { name: 'lr', exact: true }).fill('1000');
    await expect(app.runCard('SGD').getByTestId('run-status')).toHaveText(/diverged at step \d+/, {
      timeout: 10_000,
    });
  });

  test('an invalid value gets a message next to the field and the run keeps its last valid value', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    const card = app.runCard('Adam');
    await card.getByRole('textbox', { name: 'lr', exact: true }).fill('-1');
    await expect(card.getByRole('alert')).toContainText('expected a number');
    await card.getByRole('textbox', { name: 'lr', exact: true }).fill('abc');
    await expect(card.getByRole('alert')).toBeVisible();
    const lr = await page.evaluate(
      () => window.__descentLab!.store.getState().scene.runs[5].params.lr,
    );
    expect(lr).toBeGreaterThan(0);
  });

  test('add, duplicate and remove runs', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.getByRole('combobox', { name: 'Add optimizer' }).selectOption({ label: 'Newton' });
    await expect(app.runCard('Newton')).toBeVisible();
    await page.getByRole('button', { name: 'Duplicate Adam' }).click();
    await expect(page.getByRole('region', { name: 'Adam 2', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Remove Newton' }).click();
    await expect(app.runCard('Newton')).toHaveCount(0);
  });
});

test.describe('surfaces', () => {
  test('the surface picker switches surfaces and redraws the contours', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const before = await app.canvasFingerprint('contour-canvas');
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Rosenbrock' }).click();
    await expect(page.getByRole('heading', { name: 'Rosenbrock' })).toBeVisible();
    await expect
      .poll(async () => (await app.canvasFingerprint('contour-canvas')).sum)
      .not.toBe(before.sum);
  });

  for (const [where, path] of [
    ['on the page', '/'],
    ['presenting', '/?present=1'],
  ])
    test(`every surface's name in the menu is shown whole, ${where}`, async ({ page }) => {
      const app = new DescentLab(page);
      await app.open(path);
      await page.getByRole('button', { name: /^Surface:/ }).click();
      const options = page.getByRole('option');
      await expect(options.first()).toBeVisible();
      // Each name inside its option and the option inside the menu (the top bar's one-line rule
      // once cut "Quadratic bo", "Six-hump ca" and pushed "Neural network…" past the menu's edge).
      const cut = await page.evaluate(() => {
        const menu = document.querySelector('.surface-menu')!.getBoundingClientRect();
        return [...document.querySelectorAll('.surface-option')]
          .filter((option) => {
            const box = option.getBoundingClientRect();
            const name = option.querySelector('span:last-child')!;
            const text = name.getBoundingClientRect();
            return (
              name.scrollWidth > name.clientWidth + 1 ||
              text.right > box.right + 1 ||
              box.right > menu.right + 1
            );
          })
          .map((option) => option.textContent);
      });
      expect(cut).toEqual([]);
    });

  test('a bad expression shows the parser message inline and the app keeps working', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Custom…' }).click();
    const field = page.getByRole('textbox', { name: 'f(x, y) =' });
    await field.fill('x^2 + sinn(y)');
    await expect(page.getByRole('alert')).toContainText(
      'unknown function "sinn" at 7 — did you mean "sin"?',
    );
    await field.fill('x^2 + 3*y^2');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => app.step()).toBeGreaterThan(3);
  });

  test('where a typed formula is undefined the plot is hatched with a key, and a new formula plays again after the race ended', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    // log(x) is undefined for x ≤ 0: the left half of the default view.
    await app.open('/?f=log(x)%2By%5E2&steps=100');
    const key = page.getByText('f undefined (not a finite number)');
    await expect(key).toBeVisible();
    const leftPixel = () =>
      page.getByTestId('contour-canvas').evaluate((element) => {
        const canvas = element as HTMLCanvasElement;
        // Read through a copy: the contour canvas shows a bitmap (it has no 2D context to read).
        const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d')!;
        copy.drawImage(canvas, 0, 0);
        const [r, g, b] = copy.getImageData(
          Math.round(canvas.width * 0.1),
          Math.round(canvas.height / 2),
          1,
          1,
        ).data;
        return { r, g, b };
      });
    // Light grey or the grey of the hatch: never a colour of the viridis palette.
    await expect
      .poll(async () => {
        const { r, g, b } = await leftPixel();
        return Math.max(r, g, b) - Math.min(r, g, b);
      })
      .toBeLessThanOrEqual(2);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible(); // all 100 steps done
    await page.getByRole('textbox', { name: 'f(x, y) =' }).fill('x^2 + 3*y^2');
    await expect(key).toHaveCount(0); // the new surface is on screen, its race back at step 0
    // Without playing again it would stay at step 0.
    await expect.poll(() => app.step()).toBeGreaterThan(0);
  });
});
