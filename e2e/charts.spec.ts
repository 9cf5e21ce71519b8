import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

/**
 * The loss chart when a run misbehaves: a diverged or exploding run is clipped at the top edge with
 * a mark, the other runs keep the chart's height, tick labels are distinct, and pointing at the
 * chart reads the exact values.
 */

const SGD_TOO_HIGH = '/?runs=sgd!lr_100,momentum,nesterov,adagrad,rmsprop,adam&steps=300';
const ADAM_EXPLODES = '/?runs=sgd,momentum,nesterov,adagrad,rmsprop,adam!lr_1000&steps=300';

const chart = (page: Page) => page.getByRole('img', { name: /^Chart of the runs/ });

/** Runs to the end of the step budget, which pauses the app. */
async function playToEnd(app: DescentLab): Promise<void> {
  await expect(app.stepCounter).toHaveText(/^Step 300 \/ 300/, { timeout: 20_000 });
}

/** The chart's y tick labels, bottom to top (the canvas keeps them for tests). */
async function yLabels(page: Page): Promise<string[]> {
  return ((await chart(page).getAttribute('data-y-labels')) ?? '').split('|');
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The number an axis label stands for: "0.01", "−3", "2.5×10⁻⁵", "≤10⁻¹⁵" (the floor). */
function labelValue(label: string): number {
  const text = label.replace('≤', '').replace('−', '-');
  const power = /^(?:([\d.]+)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text);
  if (!power) return Number(text);
  const exponent = [...power[2]].map((c) => (c === '⁻' ? '-' : SUPERSCRIPTS.indexOf(c))).join('');
  return Number(power[1] ?? 1) * 10 ** Number(exponent);
}

/** Each run's colour, from the plot's legend. */
async function runColours(page: Page): Promise<Record<string, string>> {
  const entries = page.getByTestId('legend').getByRole('button');
  const colours: Record<string, string> = {};
  for (const entry of await entries.all()) {
    const name = (await entry.textContent())!.trim();
    colours[name] = (await entry.locator('path').getAttribute('fill'))!;
  }
  return colours;
}

/**
 * Where a line of colour `hex` is drawn, as shares of the chart's height from the top: its highest
 * and its lowest pixel of nearly that colour.
 */
async function verticalExtent(page: Page, hex: string): Promise<[number, number]> {
  return chart(page).evaluate((element, colour) => {
    const canvas = element as HTMLCanvasElement;
    const { width, height } = canvas;
    // Read through a copy: the chart shows a bitmap (it has no 2D context to read).
    const copy = new OffscreenCanvas(width, height).getContext('2d')!;
    copy.drawImage(canvas, 0, 0);
    const data = copy.getImageData(0, 0, width, height).data;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let top = height;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        const near =
          data[i + 3] > 200 &&
          Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30;
        if (near) {
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return [top / height, bottom / height] as [number, number];
  }, hex);
}

/**
 * The well-behaved runs use the chart: each line spans a sixth of its height or more, together half
 * or more. (Before clipping, one run at 1e176 squeezed them all into the bottom few pixels.)
 */
async function expectReadable(page: Page, names: string[]): Promise<void> {
  const colours = await runColours(page);
  let top = 1;
  let bottom = 0;
  for (const name of names) {
    const [high, low] = await verticalExtent(page, colours[name]);
    expect(low - high, name).toBeGreaterThan(1 / 6);
    top = Math.min(top, high);
    bottom = Math.max(bottom, low);
  }
  expect(bottom - top).toBeGreaterThan(0.5);
}

for (const [width, height] of [
  [1280, 800],
  [1366, 768],
]) {
  test(`SGD at lr 100 on Beale: the other runs keep the chart at ${width}×${height}`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    const app = new DescentLab(page);
    await app.open(SGD_TOO_HIGH);
    await playToEnd(app);

    const caption = page.getByTestId('chart-caption');
    await expect(caption).toContainText('loss f(x, y) (log scale)');
    await expect(caption).toContainText('× diverged');
    const labels = await yLabels(page);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size).toBe(labels.length);
    // The axis ends near the start's loss (≈ 14), not at SGD's 1e192.
    const values = labels.map(labelValue);
    expect(values.every(Number.isFinite), labels.join(' ')).toBe(true);
    expect(Math.max(...values)).toBeLessThanOrEqual(100);
    expect(labels.join(' ')).not.toMatch(/-|e/);

    await page.screenshot({ path: testInfo.outputPath(`divergence-${width}x${height}.png`) });
    await expectReadable(page, ['Momentum', 'Nesterov', 'Adagrad', 'RMSProp', 'Adam']);
  });
}

test('a run that explodes without going non-finite is clipped, the others stay readable', async ({
  page,
}) => {
  const app = new DescentLab(page);
  await app.open(ADAM_EXPLODES);
  await playToEnd(app);
  await expect(page.getByTestId('chart-caption')).toContainText('▲ off the top');
  const labels = await yLabels(page);
  expect(new Set(labels).size).toBe(labels.length);
  expect(Math.max(...labels.map(labelValue))).toBeLessThanOrEqual(1e4);
  await expectReadable(page, ['SGD', 'Momentum', 'Nesterov', 'Adagrad', 'RMSProp']);
});

test('a log axis stops at a floor and says so', async ({ page }) => {
  const app = new DescentLab(page);
  await app.open('/?s=elongated&steps=300');
  await playToEnd(app);
  await expect(page.getByTestId('chart-caption')).toContainText(
    /values below 10⁻\S+ drawn at the floor/,
  );
  const labels = await yLabels(page);
  // A floor near float precision (ε × the start's loss), not the 1e-179 the run reaches.
  expect(labels[0]).toMatch(/^≤/);
  expect(labelValue(labels[0])).toBeGreaterThan(1e-20);
});

test('pointing at the chart reads step, run and value without re-rendering React', async ({
  page,
}) => {
  const app = new DescentLab(page);
  await app.open(SGD_TOO_HIGH.replace('steps=300', 'steps=3000'));
  await expect.poll(() => app.step(), { timeout: 20_000 }).toBeGreaterThan(100);
  const box = (await chart(page).boundingBox())!;
  const renders = await page.evaluate(() => window.__descentLab!.renderCount());
  const readout = page.getByTestId('chart-readout');
  for (const fraction of [0.3, 0.5, 0.7]) {
    await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    await expect(readout).toBeVisible();
  }
  await expect(readout).toContainText(/^Step \d+/);
  await expect(readout).toContainText(/SGD: diverged at step \d+/);
  await expect(readout).toContainText(/Adam: \d/);
  // The readout follows the playing chart, still without a render.
  const text = await readout.textContent();
  await expect.poll(() => readout.textContent()).not.toBe(text);
  expect(await page.evaluate(() => window.__descentLab!.renderCount())).toBe(renders);

  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  await expect(readout).toBeHidden();
});
