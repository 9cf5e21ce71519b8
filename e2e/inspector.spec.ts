import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

async function openPaused(page: Page, query: string): Promise<DescentLab> {
  const app = new DescentLab(page);
  await app.open(`/?${query}`);
  await app.pause();
  await app.button('Reset').click();
  await expect(app.stepCounter).toHaveText(/^Step 0 /);
  return app;
}

async function inspect(page: Page) {
  await page.getByRole('switch', { name: 'Inspect curvature' }).check();
  const panel = page.getByRole('region', { name: 'Curvature inspector' });
  await expect(panel).toBeVisible();
  return panel;
}

const renders = (page: Page) => page.evaluate(() => window.__descentLab!.renderCount());

test.describe('curvature inspector', () => {
  test("reproduces the article's saddle at the origin: H, eigenvalues, H·v and the verdict", async ({
    page,
  }) => {
    const app = await openPaused(page, 's=saddle');
    const panel = await inspect(page);
    await app.hoverWorld(0, 0);
    await expect(panel.getByTestId('inspector-where')).toHaveText('At the pointer (0, 0)');
    await expect(panel.getByTestId('hessian-matrix').locator('td')).toHaveText([
      '2',
      '0',
      '0',
      '-2',
    ]);
    await expect(panel.getByTestId('eigenvalue-1')).toHaveText('2');
    await expect(panel.getByTestId('eigenvalue-2')).toHaveText('-2');
    await expect(panel.getByTestId('hv-1')).toHaveText('H·[1, 0] = [2, 0] = 2·[1, 0]');
    await expect(panel.getByTestId('hv-2')).toHaveText('H·[0, 1] = [0, -2] = -2·[0, 1]');
    await expect(panel.getByTestId('curvature-verdict')).toContainText('Saddle point');
    await expect(panel.getByTestId('curvature-verdict')).toContainText('there is a way down');
    const drawn = await app.canvasFingerprint('inspector-canvas');
    expect(drawn.distinct).toBeGreaterThan(3);

    // Hovering elsewhere updates text and arrows without re-rendering React.
    const before = await renders(page);
    await app.hoverWorld(1, 0.5);
    await expect(panel.getByTestId('inspector-where')).toHaveText('At the pointer (1, 0.5)');
    await expect(panel).toContainText(
      'Not a stationary point: the gradient points down and to the right',
    );
    await app.hoverWorld(-0.5, 1);
    await expect(panel.getByTestId('inspector-where')).toHaveText('At the pointer (-0.5, 1)');
    expect((await app.canvasFingerprint('inspector-canvas')).sum).not.toBe(drawn.sum);
    expect(await renders(page)).toBe(before);
  });

  test('calls the monkey saddle origin degenerate, and follows the start point from the keyboard', async ({
    page,
  }) => {
    const app = await openPaused(page, 's=monkey_saddle&start=0.5~-0.5');
    const panel = await inspect(page);
    await app.hoverWorld(0, 0);
    await expect(panel.getByTestId('inspector-where')).toHaveText('At the pointer (0, 0)');
    await expect(panel.getByTestId('inspector-gradient')).toHaveText('[0, 0]');
    await expect(panel.getByTestId('hessian-matrix').locator('td')).toHaveText([
      '0',
      '0',
      '0',
      '0',
    ]);
    await expect(panel.getByTestId('eigenvalue-1')).toHaveText('0');
    await expect(panel.getByTestId('eigenvalue-2')).toHaveText('0');
    await expect(panel.getByTestId('curvature-verdict')).toContainText('Degenerate');
    await expect(panel.getByTestId('curvature-verdict')).toContainText(
      'cannot tell which way is down',
    );

    // Away from the plot the inspector looks at the start point, which the keyboard can move.
    await page.mouse.move(2, 2);
    await expect(panel.getByTestId('inspector-where')).toHaveText('At the start point (0.5, -0.5)');
    await expect(panel.getByTestId('curvature-verdict')).toContainText('Shaped like a saddle');
    await page.getByRole('button', { name: /^Start point/ }).press('ArrowLeft');
    await expect(panel.getByTestId('inspector-where')).toHaveText(
      /^At the start point \(0\.4\d+, -0\.5\)$/,
    );
  });

  test("says the curvature is infinite at Ackley's tip, with no NaN on screen", async ({
    page,
  }) => {
    const app = await openPaused(page, 's=ackley');
    const panel = await inspect(page);
    await app.hoverWorld(0, 0);
    await expect(panel).toContainText('Curvature is infinite here');
    await expect(panel.getByTestId('hessian-matrix').locator('td')).toHaveText([
      '∞',
      '0',
      '0',
      '∞',
    ]);
    await expect(panel.getByTestId('curvature-verdict')).toBeHidden();
    expect(await panel.innerText()).not.toMatch(/NaN|not a number/);
  });
});

test.describe('update anatomy', () => {
  test("shows Adam's two learning rates on the elongated ravine and draws the step's parts", async ({
    page,
  }) => {
    const app = await openPaused(page, 's=elongated&start=-4~1');
    const card = page.getByRole('region', { name: 'Update anatomy' });
    await card.getByRole('combobox', { name: 'Anatomy of' }).selectOption({ label: 'Adam' });
    const details = card.getByTestId('anatomy-details');
    await expect(details).toContainText('Adam: step 0 → 1');
    const rates = details.locator('tr[data-row="rate"] td');
    await expect(rates).toHaveText(['0.25', '0.04']);
    await expect(card.getByTestId('anatomy-note')).toHaveText(
      'x gets a 6.25× larger learning rate than y: each direction its own step size.',
    );
    const first = await app.canvasFingerprint('inspector-canvas');
    expect(first.distinct).toBeGreaterThan(3);

    // Later steps: the numbers follow the step on screen and match the run's own positions.
    for (let i = 0; i < 12; i++) await app.button('Step forward').click();
    await expect(details).toContainText('Adam: step 12 → 13');
    const [rx, ry] = (await rates.allTextContents()).map(Number);
    expect(rx / ry).toBeGreaterThan(2);
    const taken = (await details.locator('tr[data-row="update"] td').allTextContents()).map(Number);
    const [here, next] = await page.evaluate(() => {
      const { controller } = window.__descentLab!;
      const run = controller.simulation.runs[5];
      controller.seek(13);
      const at = (k: number) => [run.positions.get(k, 0), run.positions.get(k, 1)];
      const result = [at(12), at(13)];
      controller.seek(12);
      return result;
    });
    expect(taken[0]).toBeCloseTo(next[0] - here[0], 3);
    expect(taken[1]).toBeCloseTo(next[1] - here[1], 3);
    expect((await app.canvasFingerprint('inspector-canvas')).sum).not.toBe(first.sum);
  });
});

test('axe finds no violations with the curvature inspector and an anatomy open', async ({
  page,
}) => {
  test.slow(); // an axe pass over the whole page, slow on a busy machine
  const app = await openPaused(page, 's=saddle');
  await inspect(page);
  await app.hoverWorld(0.5, 0.5);
  await page
    .getByRole('region', { name: 'Update anatomy' })
    .getByRole('combobox', { name: 'Anatomy of' })
    .selectOption({ label: 'Momentum' });
  await app.button('Step forward').click();
  await expect(page.getByTestId('anatomy-details')).toContainText('Momentum: step 1 → 2');
  const { violations } = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`)).toEqual([]);
});
