import { expect, test } from './fixtures.ts';
import { DescentLab, waitForFrames } from './descentLab.ts';

/** Linear regression with plain SGD, a thresholded and a dense distributed run, minibatches of 8. */
const SCENE =
  '/?v=1&s=linear_regression&runs=sgd!lr_0.05,distributed-threshold!lr_0.05!threshold_2,' +
  'distributed!lr_0.05&start=-0.5~2&steps=300&batch=8';

test.describe('stochastic gradients from data, and distributed training', () => {
  test('a linked scene plays and the communication panel shows what each run sends', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open(SCENE);
    await expect(page.getByRole('heading', { name: 'Linear regression' })).toBeVisible();
    await expect(app.runCard('Distributed, threshold')).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Batch size' })).toHaveAttribute(
      'aria-valuetext',
      '8 of 200 samples',
    );
    const panel = page.getByRole('region', { name: 'Communication' });
    await expect(panel).toBeVisible();

    await expect.poll(() => app.step(), { timeout: 15_000 }).toBeGreaterThan(60);
    // The panel's numbers and chart follow the frames without re-rendering React.
    const renders = await page.evaluate(() => window.__descentLab!.renderCount());
    // Ten frames: the text is rewritten at least once, and the 300-step race cannot end (its pause
    // re-renders the controls) even when a busy machine makes every frame count 0.1 s.
    await waitForFrames(page, 10);
    expect(await page.evaluate(() => window.__descentLab!.renderCount())).toBe(renders);
    await app.pause();
    const step = await app.step();
    // Dense: 4 workers × 2 coordinates every step; the threshold sends far fewer.
    expect(await app.valuesSent(2)).toBe(8 * step);
    const thresholded = await app.valuesSent(1);
    expect(thresholded).toBeGreaterThan(0);
    expect(thresholded).toBeLessThan(4 * step);

    const lines = panel.getByTestId('communication-numbers');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toContainText(`so far ${thresholded} values`);
    await expect(lines.nth(0)).toContainText('× fewer than dense');
    await expect(lines.nth(1)).toContainText(`so far ${8 * step} values`);
    await panel.getByRole('radio', { name: 'Bytes' }).check();
    await expect(lines.nth(1)).toContainText(`so far ${64 * step} bytes`);
    await expect(lines.nth(0)).toContainText(`so far ${12 * thresholded} bytes`);

    await panel.scrollIntoViewIfNeeded();
    const chart = await app.canvasFingerprint('communication-canvas');
    expect(chart.distinct).toBeGreaterThan(5);
  });

  test('the batch size control changes the path, and full batch makes it exact', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open(SCENE);
    await app.pause();
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const batchSize = page.getByRole('slider', { name: 'Batch size' });
    /** SGD's path over all 300 steps, as x0, y0, x1, y1, … */
    const sgdPath = async () => {
      await app.pause();
      await timeline.fill('300');
      await expect(app.stepCounter).toHaveText(/^Step 300 /);
      return page.evaluate(() => {
        const run = window.__descentLab!.controller.simulation.runs[0];
        const out: number[] = [];
        for (let k = 0; k <= 300; k++) out.push(run.positions.get(k, 0), run.positions.get(k, 1));
        return out;
      });
    };
    const minibatchOf8 = await sgdPath();

    const fullBatch = page.getByRole('checkbox', { name: 'Full batch' });
    await fullBatch.check();
    await expect(batchSize).toHaveAttribute('aria-valuetext', 'all 200 samples');
    await expect.poll(() => page.url()).not.toContain('batch=');
    const exact = await sgdPath();
    expect(exact).not.toEqual(minibatchOf8);

    await batchSize.fill('0');
    await expect(batchSize).toHaveAttribute('aria-valuetext', '1 of 200 samples');
    await expect(fullBatch).not.toBeChecked();
    await expect.poll(() => page.url()).toContain('batch=1');
    const minibatchOf1 = await sgdPath();
    expect(minibatchOf1).not.toEqual(minibatchOf8);
    // One sample per step scatters further from the exact path than eight do, on average.
    const scatter = (path: number[]) => {
      let sum = 0;
      for (let i = 0; i < path.length; i += 2)
        sum += Math.hypot(path[i] - exact[i], path[i + 1] - exact[i + 1]);
      return sum / (path.length / 2);
    };
    expect(scatter(minibatchOf1)).toBeGreaterThan(1.5 * scatter(minibatchOf8));
  });

  test('surfaces without data have no batch size control', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=rosenbrock');
    await expect(page.getByRole('slider', { name: /Gradient noise/ })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Batch size' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Communication' })).toHaveCount(0);
  });
});
