import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { Viewport } from '../src/render/viewport.ts';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

/** The lab panel's controls, by their accessible names. */
class LabPanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByRole('complementary', { name: 'Optimizer lab' });
  }

  get progress() {
    return this.panel.getByRole('progressbar', { name: 'Experiment progress' });
  }

  field(name: string) {
    return this.panel.getByRole('textbox', { name, exact: true });
  }

  async progressValue(): Promise<number> {
    return Number(await this.progress.getAttribute('value'));
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lab', exact: true }).click();
    await expect(this.panel).toBeVisible();
  }

  async run(fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) await this.field(name).fill(value);
    await this.panel.getByRole('button', { name: 'Run experiment' }).click();
  }
}

/** The learning rates of the scene's Adam runs. */
function adamLrs(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    window
      .__descentLab!.store.getState()
      .scene.runs.filter((run) => run.optimizer === 'Adam')
      .map((run) => run.params.lr),
  );
}

/**
 * The run's marker on the plot is what a person sees at its place: the plot, not the lab panel
 * over it. Reads the run's position at the step on screen and maps it as the app does.
 */
async function expectRunInView(page: Page, labelStart: string): Promise<void> {
  const index = await page.evaluate(
    (start) =>
      window.__descentLab!.store.getState().scene.runs.findIndex((r) => r.label.startsWith(start)),
    labelStart,
  );
  expect(index, labelStart).toBeGreaterThanOrEqual(0);
  const app = new DescentLab(page);
  const [x, y] = await app.position(index);
  const view = await page.evaluate(() => {
    const { store, controller } = window.__descentLab!;
    return store.getState().scene.view ?? controller.surface.view;
  });
  const box = (await page.getByTestId('plot-interaction').first().boundingBox())!;
  const viewport = new Viewport(view, box.width, box.height);
  const point = [box.x + viewport.toPixelX(x), box.y + viewport.toPixelY(y)];
  expect(point[0]).toBeGreaterThan(box.x);
  expect(point[0]).toBeLessThan(box.x + box.width);
  const onPlot = await page.evaluate(
    ([px, py]) => document.elementFromPoint(px, py)?.closest('[data-testid="plot-panel"]') !== null,
    point,
  );
  expect(onPlot, `${labelStart} at (${point.join(', ')})`).toBe(true);
}

test('a sweep runs in workers with progress, cancels, reruns, and loads a point into the main view', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new DescentLab(page);
  await app.open('/?s=rosenbrock');
  const lab = new LabPanel(page);
  await lab.open();

  // A big sweep (≈ 100 M particle-steps): the bar moves, the page keeps playing, Cancel stops it.
  await lab.run({ 'lr values': '40', 'Random starts': '400', Budget: '1000' });
  await expect(lab.progress).toBeVisible();
  await expect.poll(() => lab.progressValue(), { timeout: 15_000 }).toBeGreaterThan(0);
  const first = await lab.progressValue();
  await expect.poll(() => lab.progressValue(), { timeout: 15_000 }).toBeGreaterThan(first);
  const stepBefore = await app.step();
  await expect.poll(() => app.step()).toBeGreaterThan(stepBefore);
  await lab.panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(lab.panel.getByRole('status').filter({ hasText: 'Cancelled.' })).toBeVisible();
  await expect(lab.progress).toHaveCount(0);

  // A small one to the end.
  await lab.run({ 'lr values': '9', 'Random starts': '40', Budget: '300' });
  await expect(lab.panel.getByText(/^Done in/)).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/lab=sweep!lr_0\.0001~10~9!n_40!t_300/);
  await expect(lab.panel.getByRole('row')).toHaveCount(1 + 6);

  // Pick a point of Adam's curve: that run, at that lr, replaces Adam in the main view.
  const point = lab.panel.getByRole('button', { name: /^Adam, lr / }).nth(4);
  const lr = Number(await point.getAttribute('data-lr'));
  await point.click();
  // The lab stays open beside the plot, and the plot's legend names the loaded run.
  await expect(lab.panel).toBeVisible();
  await expect(page.getByTestId('legend').getByRole('button', { name: /^Adam lr=/ })).toBeVisible();
  expect(await adamLrs(page)).toEqual([lr]);
  await expectRunInView(page, 'Adam lr=');

  // The keyboard reaches the same points: one tab stop, arrows move, Enter loads.
  await point.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const next = Number(
    await lab.panel
      .getByRole('button', { name: /^Adam, lr / })
      .nth(5)
      .getAttribute('data-lr'),
  );
  await expect.poll(() => adamLrs(page)).toEqual([next]);

  // CSV: one row per optimizer and lr.
  const download = page.waitForEvent('download');
  await lab.panel.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(
    /^optimizer,preset,lr,axis,axis_value,median_final_loss,q1_final_loss,q3_final_loss,diverged_share/,
  );
  expect(lines).toHaveLength(1 + 6 * 9);
});

test('a shared link with a basin map opens the lab and computes it', async ({ page }) => {
  const app = new DescentLab(page);
  await app.open('/?s=himmelblau&lab=basins!o_sgd.adam!n_30!t_300!lrs_0.005~0.05');
  const lab = new LabPanel(page);
  await expect(lab.panel).toBeVisible();
  await expect(lab.panel.getByText(/^Done in/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('lab-basin-map')).toHaveCount(2);
  await expect(
    lab.panel.getByRole('img', { name: /^SGD basin map: global minimum \(3, 2\)/ }),
  ).toBeVisible();
  // Its text wraps inside it (the top bar's one-line rule once made it 1,938 px wide, the close
  // button out of sight) and the close button is on screen.
  expect(await lab.panel.evaluate((panel) => panel.scrollWidth - panel.clientWidth)).toBe(0);
  const close = lab.panel.getByRole('button', { name: 'Close the lab' });
  await expect(close).toBeInViewport({ ratio: 1 });
  // Closing the lab takes the experiment out of the link.
  await close.click();
  await expect(lab.panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/lab=/);
});

test('every best-lr row has a median loss, not "diverged" (SGD-family on Beale)', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new DescentLab(page);
  await app.open('/');
  const lab = new LabPanel(page);
  await lab.open();
  // The default sweep: SGD, Momentum and Nesterov reach the tolerance most often at lrs where
  // over half their starts diverge.
  await lab.panel.getByRole('button', { name: 'Run experiment' }).click();
  await expect(lab.panel.getByText(/^Done in/)).toBeVisible({ timeout: 60_000 });
  const board = lab.panel.getByRole('table');
  const rows = board.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(6);
  for (const row of await rows.all()) {
    const cells = row.getByRole('cell');
    const name = await row.getByRole('rowheader').textContent();
    await expect(cells.nth(4), `${name}'s median final loss`).toHaveText(/^\d/);
    expect(parseInt((await cells.nth(5).textContent())!), `${name} diverged`).toBeLessThanOrEqual(
      50,
    );
  }
  // The chart's legend names each optimizer beside its marker.
  const legend = lab.panel.getByRole('list', { name: 'Legend: optimizers' });
  for (const name of ['SGD', 'Momentum', 'Nesterov', 'Adagrad', 'RMSProp', 'Adam'])
    await expect(legend.getByRole('listitem').filter({ hasText: `${name} · ` })).toBeVisible();

  // Loading the best Momentum keeps the lab open and the run in sight beside it.
  await board.getByRole('button', { name: /^Load Momentum/ }).click();
  await expect(lab.panel).toBeVisible();
  await expectRunInView(page, 'Momentum lr=');
  await page.screenshot({ path: test.info().outputPath('lab-loaded-1280x800.png') });
});

test('on a narrow screen, loading a run folds the lab away until "Back to lab"', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 500 });
  const app = new DescentLab(page);
  await app.open('/?s=rosenbrock');
  const lab = new LabPanel(page);
  await lab.open();
  await lab.run({ 'lr values': '5', 'Random starts': '10', Budget: '100' });
  await expect(lab.panel.getByText(/^Done in/)).toBeVisible({ timeout: 30_000 });
  await lab.panel
    .getByRole('button', { name: /^Adam, lr / })
    .nth(2)
    .click();
  await expect(lab.panel).toBeHidden();
  await expectRunInView(page, 'Adam lr=');
  await page.screenshot({ path: test.info().outputPath('lab-folded-800x500.png') });
  await page.getByRole('button', { name: 'Back to lab', exact: true }).click();
  await expect(lab.panel).toBeVisible();
  // The results are still there.
  await expect(lab.panel.getByRole('button', { name: /^Adam, lr / })).toHaveCount(5);
});
