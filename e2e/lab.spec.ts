import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
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
  const card = page.getByRole('region', { name: /^Adam lr=/ });
  await expect(card).toBeVisible();
  await expect(card.getByRole('textbox', { name: 'lr', exact: true })).toHaveValue(String(lr));
  const runs = await page.evaluate(() => window.__descentLab!.store.getState().scene.runs);
  expect(runs.filter((run) => run.optimizer === 'Adam').map((run) => run.params.lr)).toEqual([lr]);

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
  await expect(card.getByRole('textbox', { name: 'lr', exact: true })).toHaveValue(String(next));

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
  // Closing the lab takes the experiment out of the link.
  await lab.panel.getByRole('button', { name: 'Close the lab' }).click();
  await expect(lab.panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/lab=/);
});
