import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { GifReader } from 'omggif';
import { pytorchScript } from '../src/core/export/pytorch.ts';
import { CSV_COLUMNS } from '../src/core/export/trajectories.ts';
import { getSurface } from '../src/core/surfaces/index.ts';
import { DescentLab } from './descentLab.ts';
import { decodePicture } from './decodedPicture.ts';

const SCENE = '/?v=1&s=rosenbrock&runs=adam!lr_0.02,momentum!lr_0.0002&start=-1.5~2&steps=200';

/** Opens the scene, runs it to `step` and opens the Export dialog there. */
async function openExport(page: Page, step: number) {
  const app = new DescentLab(page);
  await app.open(SCENE);
  await app.pause();
  await app.seek(step);
  const dialog = await app.openDialog('Export');
  return { app, dialog };
}

/** Clicks `name` in the dialog and returns the downloaded file's name and bytes. */
async function downloadFrom(page: Page, name: string, timeout = 30_000) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.getByRole('dialog').getByRole('button', { name, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

/**
 * A GIF as a viewer would show it, decoded by omggif: its size, its frame count, and how many
 * colours the last picture (every frame drawn over the ones before) holds.
 */
function decodeGif(bytes: Buffer): {
  width: number;
  height: number;
  frames: number;
  colours: number;
} {
  const reader = new GifReader(new Uint8Array(bytes));
  const picture = new Uint8Array(4 * reader.width * reader.height);
  for (let f = 0; f < reader.numFrames(); f++) reader.decodeAndBlitFrameRGBA(f, picture);
  const colours = new Set<number>();
  for (let p = 0; p < picture.length; p += 4)
    colours.add((picture[p] << 16) | (picture[p + 1] << 8) | picture[p + 2]);
  return {
    width: reader.width,
    height: reader.height,
    frames: reader.numFrames(),
    colours: colours.size,
  };
}

test.describe('export', () => {
  test('PNG is the plot at twice its size; SVG is well-formed and has the trails', async ({
    page,
  }) => {
    await openExport(page, 120);
    const plot = page.getByTestId('plot-panel').first();
    const box = (await plot.boundingBox())!;
    const png = await downloadFrom(page, 'PNG (2×)');
    expect(png.name).toBe('descent-lab-rosenbrock-step120.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([
      Math.round(2 * box.width),
      Math.round(2 * box.height),
    ]);
    // The browser decodes it, and it is not blank.
    const decoded = await decodePicture(page, png.bytes, { stride: 97 });
    expect(decoded.width).toBe(Math.round(2 * box.width));
    expect(decoded.colours).toBeGreaterThan(20);

    const svg = await downloadFrom(page, 'SVG');
    const text = svg.bytes.toString('utf8');
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        trails: doc.querySelectorAll('#trails path').length,
        bands: doc.querySelectorAll('#background path[fill-rule="evenodd"]').length,
      };
    }, text);
    expect(parsed).toMatchObject({ error: null, root: 'svg' });
    expect(parsed.trails).toBeGreaterThanOrEqual(2);
    expect(parsed.bands).toBeGreaterThan(5);
  });

  test('a PNG of a thousand starts per run has them all over the plot, not in one corner', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&random=1000&steps=200&runs=adam');
    await app.pause();
    await app.seek(40);
    await app.openDialog('Export');
    const png = await downloadFrom(page, 'PNG (2×)');
    const { width, height } = await decodePicture(page, png.bytes);
    // By step 40 many of Adam's particles (sky blue) crowd round the minimum at (3.58, −1.85), in
    // the bottom-right quarter: its dots are pixels one per CSS pixel, scaled to the picture.
    const adam = await decodePicture(page, png.bytes, {
      ink: { rgb: [0x56, 0xb4, 0xe9], width: width / 2, height: height / 2, bottom: true },
    });
    expect(adam.ink).toBeGreaterThan(200);
  });

  test('GIF has one frame per requested step, with progress; Cancel stops an export', async ({
    page,
  }) => {
    const { dialog } = await openExport(page, 60);
    await dialog.getByRole('spinbutton', { name: 'Frames', exact: true }).fill('12');
    const gif = await downloadFrom(page, 'GIF');
    expect(gif.name).toBe('descent-lab-rosenbrock-0-60.gif');
    const decoded = decodeGif(gif.bytes);
    expect(decoded.frames).toBe(12);
    const box = (await page.getByTestId('plot-panel').first().boundingBox())!;
    expect(decoded.width).toBe(Math.min(800, Math.round(box.width)));
    // Contour bands, trails and markers, not a blank picture.
    expect(decoded.colours).toBeGreaterThan(20);

    await dialog.getByRole('spinbutton', { name: 'Frames', exact: true }).fill('400');
    await dialog.getByRole('button', { name: 'GIF', exact: true }).click();
    await expect(dialog.getByRole('progressbar')).toBeVisible();
    await expect(dialog.getByText(/GIF: frame \d+ of 61/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByRole('status')).toHaveText('GIF: cancelled.');
    await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  });

  test('WebM video is a WebM file with the frames asked for', async ({ page }) => {
    test.slow(); // recording runs in real time
    const { dialog } = await openExport(page, 30);
    await dialog.getByRole('spinbutton', { name: 'Frames', exact: true }).fill('10');
    await dialog.getByRole('spinbutton', { name: 'Frames per second' }).fill('20');
    const webm = await downloadFrom(page, 'WebM video');
    expect(webm.name).toBe('descent-lab-rosenbrock-0-30.webm');
    // EBML magic number, a "webm" doc type, a VP8 or VP9 track, and more than a header: it came out
    // 110 bytes when frames were requested before the recorder had started.
    expect([...webm.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(webm.bytes.subarray(0, 64).toString('latin1')).toContain('webm');
    expect(webm.bytes.toString('latin1')).toMatch(/V_VP[89]/);
    expect(webm.bytes.length).toBeGreaterThan(10_000);
  });

  test('CSV and JSON hold the numbers the simulation computed', async ({ page }) => {
    const { app } = await openExport(page, 50);
    const csv = (await downloadFrom(page, 'CSV')).bytes.toString('utf8');
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 2 * 51);
    const adamAt50 = rows.find((row) => row[0] === '50' && row[1] === 'Adam')!;
    expect([Number(adamAt50[3]), Number(adamAt50[4])]).toEqual(await app.position(0));
    expect(
      rows.slice(1).every((row) => row.slice(3).every((v) => Number.isFinite(Number(v)))),
    ).toBe(true);

    const json = JSON.parse((await downloadFrom(page, 'JSON')).bytes.toString('utf8'));
    expect(json.format).toBe('descent-lab-trajectories');
    expect(json.last_step).toBe(50);
    expect(json.runs.map((run: { label: string }) => run.label)).toEqual(['Adam', 'Momentum']);
    expect(json.runs[0].particles[0].trajectory[50]).toEqual(await app.position(0));
  });

  test('Copy as PyTorch shows the script for the chosen run, and says why not for Newton', async ({
    page,
  }) => {
    const { dialog } = await openExport(page, 10);
    const surface = getSurface('rosenbrock')!;
    const scene = await page.evaluate(() => window.__descentLab!.store.getState().scene);
    const expected = (runIndex: number) => {
      const result = pytorchScript({
        surfaceName: surface.name,
        formula: surface.formula,
        run: scene.runs[runIndex],
        start: [-1.5, 2],
        steps: 200,
        noise: { sigma: 0, seed: scene.seed },
      });
      if (!result.ok) throw new Error(result.reason);
      return result.script;
    };
    const script = dialog.getByRole('textbox', { name: 'PyTorch script' });
    await expect(script).toHaveValue(expected(0));
    expect(await script.inputValue()).toContain('optimizer = torch.optim.Adam([p], lr=0.02)');
    await dialog.getByRole('combobox', { name: 'Run' }).selectOption({ label: 'Momentum' });
    await expect(script).toHaveValue(expected(1));
    expect(await script.inputValue()).toContain('torch.optim.SGD([p], lr=0.0002, momentum=0.9)');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: 'Copy as PyTorch' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected(1));

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    const app = new DescentLab(page);
    await app.open('/?v=1&s=booth&runs=newton');
    await expect(await app.openDialog('Export')).toContainText(
      "Newton is Descent Lab's own optimizer: torch.optim has no class for it",
    );
  });
});
