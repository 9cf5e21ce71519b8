import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab, waitForFrames } from './descentLab.ts';

const renderCounts = (page: Page) => page.evaluate(() => window.__descentLab!.renderCounts());

/**
 * Plays on and checks that none of the guarded components rendered again, and that each of
 * `components` did render (so the guard is wired into it and it was on screen).
 */
async function expectNoRendersWhilePlaying(app: DescentLab, components: string[]): Promise<void> {
  const { page } = app;
  await expect(app.button('Pause')).toBeVisible();
  await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(10);
  const before = await renderCounts(page);
  expect(Object.keys(before)).toEqual(expect.arrayContaining(components));
  const step = await app.step();
  // Thirty frames: the text listeners run several times and the step moves on.
  await waitForFrames(page, 30);
  await expect.poll(() => app.step()).toBeGreaterThan(step);
  await expect(app.button('Pause')).toBeVisible();
  expect(await renderCounts(page)).toEqual(before);
}

test.describe('the render-count guard', () => {
  test('playing a lesson with the inspector, an anatomy and the communication panel re-renders no component', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?lesson=4');
    await expect(
      app.lessonPanel.getByRole('heading', { name: 'Many machines, one model' }),
    ).toBeVisible();
    await page.getByRole('switch', { name: 'Inspect curvature' }).check();
    await page
      .getByRole('region', { name: 'Update anatomy' })
      .getByRole('combobox', { name: 'Anatomy of' })
      .selectOption({ index: 1 });
    await expect(page.getByTestId('anatomy-details')).toBeVisible();
    // Edits pause the race; the test measures playing.
    if (await app.button('Play').isVisible()) await app.button('Play').click();
    await expectNoRendersWhilePlaying(app, [
      'App',
      'PlotArea',
      'PlotPanel',
      'RunLegend',
      'PlaybackBar',
      'StepCounter',
      'RunCard',
      'LossChart',
      'RaceSummary',
      'LiveCaption',
      'CommunicationPanel',
      'CommunicationLine',
      'CurvaturePanel',
      'AnatomyDetails',
    ]);
  });

  test('playing a grid of starts coloured by basin re-renders no component', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&runs=sgd,adam&grid=10&steps=1000&speed=30');
    await expect(page.getByRole('region', { name: 'Where each start ended' })).toBeVisible();
    await expectNoRendersWhilePlaying(app, ['BasinColouring']);
  });
});
