import { expect, test } from './fixtures.ts';
import { computeTrajectory } from '../src/core/trajectory.ts';
import { DescentLab } from './descentLab.ts';

test.describe('the URL holds the scene', () => {
  test('a link opens the same scene and computes the same numbers as the CLI', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=rosenbrock&runs=adam!lr_0.02,sgd&start=-1.5~2&steps=50');
    await expect(page.getByRole('heading', { name: 'Rosenbrock' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^(Adam|SGD)$/ })).toHaveCount(2);
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('50');
    await expect(app.stepCounter).toHaveText(/^Step 50 \/ 50/);
    const cli = computeTrajectory({
      surface: 'rosenbrock',
      optimizer: 'Adam',
      params: { lr: 0.02 },
      start: [-1.5, 2],
      steps: 50,
    });
    if (!cli.ok) throw new Error(cli.error);
    expect(await app.position(0)).toEqual(cli.output.trajectory[50]);
  });

  test('changes are written to the address bar and survive a reload', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await app.runCard('Adam').getByRole('textbox', { name: 'lr', exact: true }).fill('0.25');
    const sideBySide = page.getByRole('switch', { name: 'Side by side' });
    // The display switches fold behind Menu when the top bar is full.
    if (!(await sideBySide.isVisible())) await app.button('Menu').click();
    await sideBySide.check();
    // The address is written after a short debounce: wait until it holds both changes.
    await expect
      .poll(() => page.url().includes('adam!lr_0.25') && page.url().includes('layout=side'))
      .toBe(true);
    await page.reload();
    await expect(page.getByTestId('plot-panel')).toHaveCount(6);
    await expect(app.runCard('Adam').getByRole('textbox', { name: 'lr', exact: true })).toHaveValue(
      '0.25',
    );
  });

  test('a broken link gives specific notices and a working page', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open(
      '/?s=volcano&runs=adam!lr_-3,momentum&speed=fast&layout=%3Cimg%20src=x%20onerror=alert(1)%3E',
    );
    const notices = page.getByRole('status', { name: 'Notices' });
    await expect(notices).toContainText('no surface called "volcano"');
    await expect(notices).toContainText(
      'runs[0].params.lr: expected a number ≥ 0 (got -3); used 0.1',
    );
    await expect(notices).toContainText('speed must be a number from 1 to 1000 (got "fast")');
    await expect(notices).toContainText('layout must be one of overlay, side-by-side');
    await expect(page.locator('img')).toHaveCount(0);
    await expect(app.runCard('Momentum')).toBeVisible();
    await expect.poll(() => app.step()).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Dismiss notices' }).click();
    await expect(notices).toHaveCount(0);
  });
});
