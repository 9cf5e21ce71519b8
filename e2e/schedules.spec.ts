import { expect, test } from './fixtures.ts';
import { computeTrajectory } from '../src/core/trajectory.ts';
import { DescentLab } from './descentLab.ts';

const SCENE = '/?v=1&s=rosenbrock&runs=adam!lr_0.02&start=-1.5~2&steps=50';

function cli(schedule?: unknown): [number, number] {
  const result = computeTrajectory({
    surface: 'rosenbrock',
    optimizer: 'Adam',
    params: { lr: 0.02 },
    start: [-1.5, 2],
    steps: 50,
    ...(schedule ? { schedule } : {}),
  });
  if (!result.ok) throw new Error(result.error);
  return result.output.trajectory[50];
}

test.describe('a run’s learning-rate schedule', () => {
  test('adding one changes the path and the link, and the link reproduces it', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open(SCENE);
    await app.pause();
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.fill('50');
    expect(await app.position(0)).toEqual(cli());

    const card = app.runCard('Adam');
    await card.getByRole('combobox', { name: 'Schedule' }).selectOption('CosineAnnealingLR');
    await expect(card.getByRole('textbox', { name: 'T_max' })).toHaveValue('50');
    await expect(card.getByRole('img', { name: /^lr from 0\.02 to / })).toBeVisible();
    await card.getByRole('textbox', { name: 'eta_min' }).fill('0.001');
    const schedule = { name: 'CosineAnnealingLR', params: { T_max: 50, eta_min: 0.001 } };
    await timeline.fill('50');
    await expect.poll(() => app.position(0)).toEqual(cli(schedule));
    expect(cli(schedule)).not.toEqual(cli());
    await expect(card.getByTestId('run-status')).toContainText('lr ');

    await expect
      .poll(() => page.url())
      .toContain('adam!lr_0.02!sched_CosineAnnealingLR!sched.T_max_50!sched.eta_min_0.001');
    expect(page.url()).toContain('v=2');

    // The link alone, in a fresh page, gives the same run.
    const link = page.url();
    const other = new DescentLab(await page.context().newPage());
    await other.open(link);
    await other.pause();
    await other.page.getByRole('slider', { name: 'Timeline' }).fill('50');
    expect(await other.position(0)).toEqual(cli(schedule));
    await expect(other.runCard('Adam').getByRole('combobox', { name: 'Schedule' })).toHaveValue(
      'CosineAnnealingLR',
    );
  });

  test('the chart shows the learning rate each step uses', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open(
      '/?v=2&s=rosenbrock&runs=adam!lr_0.02!sched_StepLR!sched.step_size_25!sched.gamma_0.1&start=-1.5~2&steps=50&chart=lr',
    );
    await expect(page.getByRole('radio', { name: 'lr', exact: true })).toBeChecked();
    await expect(page.getByText('learning rate each step uses')).toBeVisible();
    await expect.poll(() => app.step()).toBe(50);
    const box = (await page.getByTestId('chart-canvas').boundingBox())!;
    const readout = page.getByTestId('chart-readout');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect(readout).toContainText('Adam: 0.02');
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await expect(readout).toContainText('Adam: 0.002');
  });

  test('a bad schedule argument in a link gives a notice and a working page', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?v=2&s=rosenbrock&runs=sgd!sched_CosineAnnealingWarmRestarts!sched.T_0_0');
    const notices = page.getByRole('status', { name: 'Notices' });
    await expect(notices).toContainText(
      'runs[0].schedule.params.T_0: Expected positive integer T_0, but got 0; ran without a schedule',
    );
    await expect(app.runCard('SGD').getByRole('combobox', { name: 'Schedule' })).toHaveValue(
      'none',
    );
    await expect.poll(() => app.step()).toBeGreaterThan(3);
  });

  test('an L-BFGS run counts its evaluations in its card', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=rosenbrock&runs=lbfgs&start=-1.5~2&steps=20');
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('20');
    const status = app.runCard('L-BFGS').getByTestId('run-status');
    const evaluations = async () =>
      Number(/(\d+) evaluations/.exec((await status.textContent()) ?? '')?.[1]);
    // More evaluations than steps: the line search spends some.
    await expect.poll(evaluations).toBeGreaterThan(20);
    await expect(
      app.runCard('L-BFGS').getByRole('combobox', { name: 'line_search_fn' }),
    ).toHaveValue('strong_wolfe');
  });
});
