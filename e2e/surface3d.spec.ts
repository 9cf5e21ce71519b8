import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { GifReader } from 'omggif';
import { expect, test } from './fixtures.ts';
import { DescentLab, waitForFrames } from './descentLab.ts';
import { decodePicture } from './decodedPicture.ts';
import { BOX_HEIGHT, cameraFrame, rayThrough } from '../src/core/surface3d/camera.ts';
import { computeMesh, MESH_CELLS } from '../src/core/surface3d/compute.ts';
import { pickSurface } from '../src/core/surface3d/pick.ts';
import { DEFAULT_LEVEL_COUNT } from '../src/core/contours/request.ts';
import { RUN_COLORS } from '../src/render/runStyle.ts';

const CANVAS = 'surface3d-canvas';

/** The 3D switch, behind the top bar's Menu button when the display switches are folded there. */
async function view3dSwitch(app: DescentLab) {
  const toggle = app.page.getByRole('switch', { name: '3D' });
  if (!(await toggle.isVisible())) await app.button('Menu').click();
  return toggle;
}

/** Switches the plot to 3D and waits until the surface is built and drawn. */
async function open3d(app: DescentLab, path = '/'): Promise<void> {
  await app.open(path);
  const toggle = await view3dSwitch(app);
  await toggle.check();
  // Close the menu if the switch was in it: its panel must not cover the plot.
  if (await app.button('Menu').isVisible()) await app.page.keyboard.press('Escape');
  await expect(app.page.getByTestId(CANVAS)).toBeVisible();
  await expect(app.page.getByText('Building the 3D surface…')).toBeHidden();
  await stillPicture(app.page);
}

/** Waits until the 3D canvas shows the full picture of the current camera (drawn over frames). */
async function stillPicture(page: Page): Promise<void> {
  await expect(page.getByTestId(CANVAS)).toHaveAttribute('data-picture', 'still');
  await waitForFrames(page, 2);
}

/**
 * What the 3D canvas shows: how many distinct colours (a lit surface has hundreds of shades), the
 * share of pixels that are not the background, and how many pixels are close to `colour` (a run's).
 */
async function picture(page: Page, colour = '#000000') {
  return page.evaluate((hex) => {
    // The surface (WebGL) with the race (a 2D canvas) over it, as on screen.
    const [surface, race] = ['surface3d-canvas', 'race3d-canvas'].map(
      (id) => document.querySelector(`[data-testid="${id}"]`) as HTMLCanvasElement,
    );
    const copy = document.createElement('canvas');
    copy.width = surface.width;
    copy.height = surface.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(surface, 0, 0);
    ctx.drawImage(race, 0, 0, copy.width, copy.height);
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
    // Seen from nearly overhead, so no hill hides part of the trail (hidden parts are drawn faint).
    await open3d(
      app,
      '/?s=rosenbrock&runs=adam!lr_0.05,sgd!lr_0.0005&steps=300&view=3d&cam=0~80~1~0~0',
    );
    await app.pause();
    await page.getByRole('slider', { name: 'Timeline' }).fill('300');
    await waitForFrames(page, 3);
    // SGD is vermillion, a colour viridis never takes: its pixels are the trail and the head.
    const shown = await picture(page, RUN_COLORS[0]);
    expect(shown.distinct).toBeGreaterThan(200);
    expect(shown.drawnShare).toBeGreaterThan(0.2);
    expect(shown.near).toBeGreaterThan(30);
    // Back at step 0 only the head is left: the difference was the trail.
    await page.getByRole('slider', { name: 'Timeline' }).fill('0');
    await waitForFrames(page, 3);
    const headOnly = (await picture(page, RUN_COLORS[0])).near;
    expect(shown.near - headOnly).toBeGreaterThan(20);
  });

  test('a diverged run ends with its × and "diverged at step 3", as in 2D', async ({ page }) => {
    const app = new DescentLab(page);
    await open3d(app, '/?s=beale&runs=sgd!lr_100&steps=20&view=3d');
    await app.pause();
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.fill('0');
    await waitForFrames(page, 3);
    const head = (await picture(page, RUN_COLORS[0])).near;
    await timeline.fill('10');
    await expect(page.getByText('diverged at step 3').first()).toBeVisible();
    await waitForFrames(page, 3);
    // The × and its label, in SGD's vermillion: hundreds of pixels more than the head alone.
    expect((await picture(page, RUN_COLORS[0])).near - head).toBeGreaterThan(150);
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
    await stillPicture(page);
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

test.describe('the 3D view exported', () => {
  const SCENE = '/?s=himmelblau&runs=adam!lr_0.1,sgd!lr_0.01&steps=120&view=3d';

  /** Opens the scene in 3D at `step` and the Export dialog there. */
  async function openExport(page: Page, step: number) {
    const app = new DescentLab(page);
    await open3d(app, SCENE);
    await app.pause();
    await app.seek(step);
    return app.openDialog('Export');
  }

  async function downloadFrom(page: Page, name: string) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 45_000 }),
      page.getByRole('dialog').getByRole('button', { name, exact: true }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  }

  test('PNG of the 3D view: the lit surface at twice the size, with the legend', async ({
    page,
  }) => {
    await openExport(page, 80);
    const box = (await page.getByTestId(CANVAS).boundingBox())!;
    const png = await downloadFrom(page, 'PNG of the 3D view (2×)');
    expect(png.name).toBe('descent-lab-himmelblau-3d-step80.png');
    // The legend's ink (#1d2330, its run names and step) in the top-right corner.
    const shown = await decodePicture(page, png.bytes, {
      ink: { rgb: [0x1d, 0x23, 0x30], width: 300, height: 120 },
    });
    expect([shown.width, shown.height]).toEqual([
      Math.round(2 * box.width),
      Math.round(2 * box.height),
    ]);
    expect(shown.colours).toBeGreaterThan(500);
    expect(shown.ink).toBeGreaterThan(100);
  });

  test('a GIF of the 3D view with a slow orbit: every frame is a different picture', async ({
    page,
  }) => {
    const dialog = await openExport(page, 60);
    await dialog.getByRole('spinbutton', { name: 'Frames', exact: true }).fill('4');
    await dialog.getByRole('checkbox', { name: /Slow orbit/ }).check();
    const gif = await downloadFrom(page, 'GIF');
    expect(gif.name).toBe('descent-lab-himmelblau-3d-0-60.gif');
    const reader = new GifReader(new Uint8Array(gif.bytes));
    expect(reader.numFrames()).toBe(4);
    const picture = new Uint8Array(4 * reader.width * reader.height);
    const hashes = new Set<number>();
    for (let f = 0; f < reader.numFrames(); f++) {
      reader.decodeAndBlitFrameRGBA(f, picture);
      let hash = 0;
      for (let p = 0; p < picture.length; p += 4)
        hash = (hash * 31 + picture[p] + 3 * picture[p + 1] + 7 * picture[p + 2]) % 1_000_000_007;
      hashes.add(hash);
    }
    expect(hashes.size).toBe(4);
  });
});

test.describe('a lost graphics context', () => {
  test('says so, and the surface is back when the browser restores it', async ({ page }) => {
    // The renderer's GL canvas is off the page: keep the WebGL 2 context it asks for.
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        const context = (original as (...args: unknown[]) => RenderingContext | null).call(
          this,
          type,
          ...rest,
        );
        if (type === 'webgl2') Object.assign(window, { lastWebgl2: context });
        return context;
      } as typeof original;
    });
    const app = new DescentLab(page);
    await open3d(app, '/?s=himmelblau&view=3d');
    await app.pause();
    // The extension is asked for before the loss: a lost context hands out none.
    await page.evaluate(() => {
      const gl = (window as unknown as { lastWebgl2: WebGL2RenderingContext }).lastWebgl2;
      Object.assign(window, { loseContext: gl.getExtension('WEBGL_lose_context')! });
    });
    const lose = (restore: boolean) =>
      page.evaluate((back) => {
        const extension = (window as unknown as { loseContext: WEBGL_lose_context }).loseContext;
        if (back) extension.restoreContext();
        else extension.loseContext();
      }, restore);
    const notice = page.getByText('The 3D view lost its graphics context');
    await lose(false);
    await expect(notice).toBeVisible();
    await lose(true);
    await expect(notice).toBeHidden();
    await stillPicture(page);
    const shown = await picture(page);
    expect(shown.distinct).toBeGreaterThan(200);
    expect(shown.drawnShare).toBeGreaterThan(0.2);
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
    const toggle = await view3dSwitch(app);
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

test.describe('the network landscape in 3D', () => {
  test.setTimeout(180_000);

  /** The network view's plane is ready (its contours are drawn, in 2D or hidden behind 3D). */
  async function landscapeReady(page: Page): Promise<void> {
    await expect(page.getByTestId('network-contours')).toHaveAttribute('data-ready', 'true', {
      timeout: 90_000,
    });
  }

  async function seek(page: Page, step: number): Promise<void> {
    await page.evaluate((target) => {
      const lab = window.__descentLab!;
      lab.store.getState().pause();
      lab.controller.seek(target);
    }, step);
    await waitForFrames(page, 3);
  }

  test('the trained landscape as a lit surface with the paths on it; a view=3d link reproduces it', async ({
    page,
    context,
  }) => {
    const app = new DescentLab(page);
    // SGD and Adam train a [2, 8, 1] net on the moons; the plane is sampled on a 41 × 41 grid.
    await page.goto(
      '/?v=1&s=beale&runs=sgd!lr_0.5,adam!lr_0.01&steps=120&net=1~moons~400~0.1~0.2~8~tanh~pca~41~120',
    );
    await landscapeReady(page);
    await seek(page, 120);
    const toggle = await view3dSwitch(app);
    await toggle.check();
    if (await app.button('Menu').isVisible()) await page.keyboard.press('Escape');
    await expect(page.getByTestId(CANVAS)).toBeVisible();
    await expect(page.getByText('Building the 3D surface…')).toBeHidden();
    await stillPicture(page);
    await expect(page.getByRole('region', { name: 'Real network' })).toContainText(
      "In 3D each path lies on the plane's loss under its projected point",
    );
    await expect(page.getByTestId(CANVAS)).toHaveAttribute('title', /not at the run's own loss/);

    const shown = await picture(page, RUN_COLORS[0]);
    expect(shown.distinct).toBeGreaterThan(200); // lit and shaded, not one colour
    expect(shown.drawnShare).toBeGreaterThan(0.2);
    expect(shown.near).toBeGreaterThan(30); // SGD's vermillion path
    await seek(page, 0);
    const headOnly = (await picture(page, RUN_COLORS[0])).near;
    expect(shown.near - headOnly).toBeGreaterThan(20); // the difference was the path
    await seek(page, 120);
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
      [1366, 768],
    ]) {
      await page.setViewportSize({ width, height });
      await stillPicture(page);
      await page.screenshot({ path: `test-results/network3d-${width}x${height}.png` });
    }

    const link = page.url();
    expect(link).toContain('view=3d');
    expect(link).toContain('net=1~moons~400~');
    const other = await context.newPage();
    await other.setViewportSize({ width: 1366, height: 768 });
    await other.goto(link);
    await landscapeReady(other);
    await expect(other.getByTestId(CANVAS)).toBeVisible();
    await expect(other.getByText('Building the 3D surface…')).toBeHidden();
    await stillPicture(other);
    await seek(other, 120);
    // The same training, plane, grid and camera: the same picture.
    expect(await picture(other, RUN_COLORS[0])).toEqual(await picture(page, RUN_COLORS[0]));
  });
});
