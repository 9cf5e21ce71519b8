import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab, waitForFrames } from './descentLab.ts';
import { BOX_HEIGHT, cameraFrame, rayThrough } from '../src/core/surface3d/camera.ts';
import { computeMesh, MESH_CELLS } from '../src/core/surface3d/compute.ts';
import { pickSurface } from '../src/core/surface3d/pick.ts';
import { DEFAULT_LEVEL_COUNT } from '../src/core/contours/request.ts';
import { RUN_COLORS } from '../src/render/runStyle.ts';

const CANVAS = 'surface3d-canvas';

/** Switches the plot to 3D and waits until the surface is built and drawn. */
async function open3d(app: DescentLab, path = '/'): Promise<void> {
  await app.open(path);
  await app.page.getByRole('switch', { name: '3D' }).check();
  await expect(app.page.getByTestId(CANVAS)).toBeVisible();
  await expect(app.page.getByText('Building the 3D surface…')).toBeHidden();
  await waitForFrames(app.page, 3);
}

/**
 * What the 3D canvas shows: how many distinct colours (a lit surface has hundreds of shades), the
 * share of pixels that are not the background, and how many pixels are close to `colour` (a run's).
 */
async function picture(page: Page, colour = '#000000') {
  return page.getByTestId(CANVAS).evaluate((element, hex) => {
    const canvas = element as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const background = [data[0], data[1], data[2]];
    const colours = new Set<number>();
    let drawn = 0;
    let near = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (
        Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) >
        6
      )
        drawn++;
      if (Math.abs(r - target[0]) + Math.abs(g - target[1]) + Math.abs(b - target[2]) < 40) near++;
      hash = (hash * 31 + r + 3 * g + 7 * b) % 1_000_000_007;
    }
    return { distinct: colours.size, drawnShare: drawn / (data.length / 4), near, hash };
  }, colour);
}

test.describe('the 3D view', () => {
  test('shows a lit surface with the race lifted onto it', async ({ page }) => {
    const app = new DescentLab(page);
    await open3d(app, '/?s=rosenbrock&runs=sgd!lr_0.0005,adam!lr_0.05&steps=300');
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('300');
    await waitForFrames(page, 3);
    // SGD is vermillion, a colour viridis never takes: its pixels are the trail and the head.
    const shown = await picture(page, RUN_COLORS[0]);
    expect(shown.distinct).toBeGreaterThan(200);
    expect(shown.drawnShare).toBeGreaterThan(0.2);
    expect(shown.near).toBeGreaterThan(30);
    // Back at step 0 the trail is gone: those pixels were the trail.
    await page.getByRole('slider', { name: 'Timeline' }).fill('0');
    await waitForFrames(page, 3);
    expect((await picture(page, RUN_COLORS[0])).near).toBeLessThan(shown.near / 2);
  });

  test('dragging orbits; the camera is in the URL and a reload restores it', async ({ page }) => {
    const app = new DescentLab(page);
    await open3d(app);
    await app.pause();
    const before = await picture(page);
    const box = (await page.getByTestId(CANVAS).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await waitForFrames(page, 3);
    expect((await picture(page)).hash).not.toBe(before.hash);
    const camera = (await app.scene()).view3d!.camera;
    expect(camera.yaw).not.toBe(-35);
    await expect.poll(() => page.url()).toContain(`cam=${camera.yaw}~${camera.pitch}~`);
    expect(page.url()).toContain('view=3d');
    await page.reload();
    await expect(page.getByTestId(CANVAS)).toBeVisible();
    expect((await app.scene()).view3d!.camera).toEqual(camera);
    await page.getByRole('button', { name: 'Reset camera' }).click();
    await expect.poll(() => page.url()).not.toContain('cam=');
  });

  test('clicking the surface starts every run at the point under the pointer', async ({ page }) => {
    const app = new DescentLab(page);
    await open3d(app);
    await app.pause();
    const scene = await app.scene();
    const box = (await page.getByTestId(CANVAS).boundingBox())!;
    const [x, y] = [box.width * 0.45, box.height * 0.55];
    await page.mouse.click(box.x + x, box.y + y);
    // The same ray cast in Node on the same mesh: the app's pick lands on this point.
    const view = await page.evaluate(() => window.__descentLab!.controller.surface.view);
    const outcome = computeMesh({
      surface: scene.surface,
      extent: view,
      cells: MESH_CELLS,
      contours: scene.contours,
      heights: scene.view3d!.heights,
      levelCount: DEFAULT_LEVEL_COUNT,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    const top = BOX_HEIGHT * scene.view3d!.exaggeration;
    const ray = rayThrough(
      cameraFrame(scene.view3d!.camera, top),
      box.width / box.height,
      (x / box.width) * 2 - 1,
      1 - (y / box.height) * 2,
    );
    const expected = pickSurface(outcome.mesh, top, ray.origin, ray.direction)!;
    await expect.poll(() => app.startPoint()).not.toEqual([1, 1.5]);
    const start = await app.startPoint();
    expect(Math.abs(start[0] - expected[0])).toBeLessThan(0.02);
    expect(Math.abs(start[1] - expected[1])).toBeLessThan(0.02);
    await expect.poll(() => page.url()).toContain(`start=${start[0]}~${start[1]}`);
  });

  test('arrow keys orbit while the plot has the focus and step playback elsewhere', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await open3d(app);
    await app.pause();
    const step = await app.step();
    await page.getByTestId(CANVAS).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await app.scene()).view3d!.camera.yaw).toBe(-30);
    expect(await app.step()).toBe(step);
    await page.getByRole('heading', { name: 'Beale' }).click();
    await page.keyboard.press('ArrowRight');
    await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${step + 1} `));
    await page.keyboard.press(' ');
    await expect(app.button('Pause')).toBeVisible();
  });

  test('side by side shows one 3D panel per run, and an embed opens in 3D from its link', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?view=3d&layout=side&runs=sgd,adam');
    await expect(page.getByTestId(CANVAS)).toHaveCount(2);
    await app.open('/?embed=1&view=3d&s=himmelblau');
    await expect(page.getByTestId(CANVAS)).toBeVisible();
    await expect(page.getByText('Building the 3D surface…')).toBeHidden();
  });
});

test.describe('without WebGL', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        if (type === 'webgl2' || type === 'webgl') return null;
        return (original as (...args: unknown[]) => RenderingContext | null).call(
          this,
          type,
          ...rest,
        );
      } as typeof original;
    });
  });

  test('the switch says why there is no 3D view and the 2D plot stays usable', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    const toggle = page.getByRole('switch', { name: '3D' });
    // A click, not check(): the switch stays off, which is the point.
    await toggle.click();
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
      '3D view unavailable: this browser has WebGL 2 turned off or does not support it',
    );
    await expect(toggle).not.toBeChecked();
    await expect(page.getByTestId(CANVAS)).toHaveCount(0);
    await expect(page.getByTestId('contour-canvas')).toBeVisible();
    await app.pause();
    const step = await app.step();
    await app.button('Step forward').click();
    await expect(app.stepCounter).toHaveText(new RegExp(`^Step ${step + 1} `));
  });

  test('a 3D link opens the 2D plot and says why', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?view=3d&s=rosenbrock');
    await expect(page.getByRole('status').filter({ hasText: 'WebGL 2' })).toBeVisible();
    await expect(page.getByTestId('contour-canvas')).toBeVisible();
  });
});
