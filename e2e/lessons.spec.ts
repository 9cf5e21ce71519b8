import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

/** Each chapter: its title, surface, first "try this" and what that must change in the scene. */
const CHAPTERS = [
  {
    title: 'Stuck in a dimple',
    surface: 'weird_beast',
    tryThis: 'Give Momentum less momentum (0.5)',
    changed: (scene: SceneLike) => scene.runs[1].params.momentum === 0.5,
  },
  {
    title: 'Crawling across a plateau',
    surface: 'plateau',
    tryThis: 'Give SGD a 10× larger learning rate',
    changed: (scene: SceneLike) => scene.runs[0].params.lr === 1,
  },
  {
    title: 'A ravine: steep one way, flat the other',
    surface: 'elongated',
    tryThis: 'Push SGD past the limit: lr 0.085',
    changed: (scene: SceneLike) => scene.runs[0].params.lr === 0.085,
  },
  {
    title: 'Many machines, one model',
    surface: 'linear_regression',
    tryThis: 'Raise the threshold to 5',
    changed: (scene: SceneLike) => scene.runs[2].params.threshold === 5,
  },
  {
    title: 'Flat, but not a minimum',
    surface: 'saddle',
    tryThis: 'Scatter 30 random starts',
    changed: (scene: SceneLike) => scene.starts.kind === 'random' && scene.starts.count === 30,
  },
];

interface SceneLike {
  surface: { id?: string };
  runs: { params: Record<string, unknown> }[];
  starts: { kind: string; count?: number };
}

/** The text of one live binding in the lesson panel ("momentum 2" → "0.9"). */
function binding(page: Page, name: string) {
  return page.getByTestId('lesson-panel').locator(`[data-binding="${name}"]`).first();
}

/** Chapter 6, after the five 2D chapters: a real network, in the network view. */
const NETWORK_CHAPTER = { number: 6, title: 'The real thing' };

test.describe('the guided tour', () => {
  test('opens from the top bar and walks through all six chapters with Next', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open();
    await page.getByRole('button', { name: 'Lessons' }).click();
    for (const [i, chapter] of CHAPTERS.entries()) {
      if (i > 0) await app.lessonPanel.getByRole('button', { name: 'Next chapter' }).click();
      await expect(app.lessonPanel.getByRole('heading', { name: chapter.title })).toBeVisible();
      await expect.poll(async () => (await app.scene()).surface).toEqual({ id: chapter.surface });
      await expect(page).toHaveURL(new RegExp(`lesson=${i + 1}`));
      await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(3);
    }
    await app.lessonPanel.getByRole('button', { name: 'Next chapter' }).click();
    await expect(
      app.lessonPanel.getByRole('heading', { name: NETWORK_CHAPTER.title }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Real network' })).toBeVisible();
    await expect(page).toHaveURL(/lesson=6/);
    await expect(app.lessonPanel.getByRole('button', { name: 'Next chapter' })).toBeDisabled();
    await app.lessonPanel.getByRole('button', { name: 'Chapter 2: Slow convergence' }).click();
    await expect(app.lessonPanel.getByRole('heading', { name: CHAPTERS[1].title })).toBeVisible();
    await app.lessonPanel.getByRole('button', { name: 'Close lessons' }).click();
    await expect(app.lessonPanel).toBeHidden();
    await expect(page).not.toHaveURL(/lesson=/);
  });

  for (const [i, chapter] of CHAPTERS.entries()) {
    test(`chapter ${i + 1} opens from ?lesson=${i + 1}, plays, and "try this" changes the scene`, async ({
      page,
    }) => {
      const app = new DescentLab(page);
      await app.open(`/?lesson=${i + 1}`);
      // The chapter's scene is there from the first screen: no default scene first.
      expect((await app.scene()).surface).toEqual({ id: chapter.surface });
      await expect(app.lessonPanel.getByRole('heading', { name: chapter.title })).toBeVisible();
      await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(5);
      // Every binding shows a value, not the dash for a missing one.
      const live = app.lessonPanel.locator('[data-binding]');
      expect(await live.count()).toBeGreaterThan(2);
      await expect
        .poll(async () => (await live.allTextContents()).filter((text) => /^(—|)$/.test(text)))
        .toEqual([]);

      const before = await app.scene();
      expect(chapter.changed(before as SceneLike)).toBe(false);
      await app.lessonPanel.getByRole('button', { name: chapter.tryThis }).click();
      await expect.poll(async () => chapter.changed((await app.scene()) as SceneLike)).toBe(true);
      await expect(app.lessonPanel.getByRole('status')).toBeVisible();
      await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(3);
    });
  }

  test('chapter 6 opens from ?lesson=6: the network trains on the spirals, its landscape is drawn, and the captions and run cards read the trained runs', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const app = new DescentLab(page);
    await page.goto('/?lesson=6');
    await expect(
      app.lessonPanel.getByRole('heading', { name: NETWORK_CHAPTER.title }),
    ).toBeVisible();
    const network = page.getByRole('region', { name: 'Real network' });
    await expect(network).toBeVisible();
    await expect(page.getByTestId('network-architecture')).toHaveText('[2, 16, 16, 3]');
    await expect(binding(page, 'parameters')).toHaveText('371');
    await expect(page.getByTestId('network-contours')).toHaveAttribute('data-ready', 'true', {
      timeout: 120_000,
    });
    // Paused at the last step: the caption, the run card and the table tell the same run.
    await page.evaluate(() => {
      const lab = window.__descentLab!;
      lab.store.getState().pause();
      lab.controller.seek(300);
    });
    await expect(binding(page, 'where 2')).toHaveText('has taken 300 steps');
    const loss = Number(await binding(page, 'loss 2').textContent());
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(0.3); // Adam finds the spirals (chapters.test.ts checks the claims)
    await expect(app.runCard('Adam').getByTestId('run-status')).toContainText(
      `train loss ${await binding(page, 'loss 2').textContent()}`,
    );
    const live = app.lessonPanel.locator('[data-binding]');
    expect((await live.allTextContents()).filter((text) => /^(—|…|)$/.test(text))).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('lesson-6-1280x800.png') });

    await app.lessonPanel.getByRole('button', { name: 'Give SGD momentum 0.9' }).click();
    await expect.poll(async () => (await app.scene()).runs[0].params.momentum).toBe(0.9);
    await expect(binding(page, 'momentum 1')).toHaveText('0.9');
  });

  test('a shared link of a modified chapter keeps its own scene and opens the tour there', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=saddle&runs=sgd!lr_0.02&start=1~0.5&lesson=5');
    await expect(app.lessonPanel.getByRole('heading', { name: CHAPTERS[4].title })).toBeVisible();
    const scene = await app.scene();
    expect(scene.runs).toHaveLength(1);
    expect(scene.runs[0].params.lr).toBe(0.02);
    expect(scene.starts).toEqual({ kind: 'points', points: [[1, 0.5]] });
  });

  for (const chapter of [3, 5]) {
    test(`chapter ${chapter}'s text and "try this" buttons stay put while the live numbers change`, async ({
      page,
    }) => {
      const app = new DescentLab(page);
      await app.open(`/?lesson=${chapter}`);
      await expect.poll(() => app.step(), { timeout: 10_000 }).toBeGreaterThan(5);
      // Where the first button is on each of 240 frames of the race (its captions change
      // their wrapping a few times in that while).
      const tops = await page.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            const button = document.querySelector('.lesson-tries button')!;
            const seen: number[] = [];
            const sample = () => {
              seen.push(Math.round(button.getBoundingClientRect().top));
              if (seen.length < 240) requestAnimationFrame(sample);
              else resolve(seen);
            };
            requestAnimationFrame(sample);
          }),
      );
      const moves = tops.filter((top, i) => i > 0 && top < tops[i - 1]);
      expect(moves, `tops ${[...new Set(tops)].join(', ')}`).toEqual([]);
    });
  }

  test('a caption number follows the sliders and fields of the run cards', async ({ page }) => {
    const app = new DescentLab(page);
    await app.open('/?lesson=1');
    await expect(binding(page, 'momentum 2')).toHaveText('0.9');
    const momentum = app
      .runCard('Momentum')
      .getByRole('textbox', { name: 'momentum', exact: true });
    await momentum.fill('0.76');
    await expect(binding(page, 'momentum 2')).toHaveText('0.76');
    // The learning-rate slider of Plain GD: the caption reads what the card's field reads.
    const card = app.runCard('Plain GD');
    await card.getByRole('slider', { name: 'Learning rate' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const lr = await card.getByRole('textbox', { name: 'lr', exact: true }).inputValue();
    expect(Number(lr)).not.toBe(0.01);
    await expect(binding(page, 'lr 1')).toHaveText(String(Number(lr)));
  });
});

test("every chapter shows every run's marker at step 0, none under the start ring or another run", async ({
  page,
}) => {
  test.slow(); // five chapters, each a page load
  const app = new DescentLab(page);
  for (let chapter = 1; chapter <= CHAPTERS.length; chapter++) {
    await app.open(`/?lesson=${chapter}`);
    await app.pause();
    await page.evaluate(() => window.__descentLab!.store.getState().reset());
    await expect.poll(() => app.step()).toBe(0);
    const runs = await page.getByTestId('legend').locator('li').count();
    expect(runs).toBeGreaterThan(1);
    // Each run's colour, from the plot's legend.
    const colours = await page
      .getByTestId('legend')
      .locator('li path')
      .evaluateAll((paths) => paths.map((path) => path.getAttribute('fill')!));
    // Where each run's marker is drawn (the middle of its colour's pixels on the markers' canvas, in
    // page px) and where the start ring is.
    const layout = () =>
      page.evaluate((colours) => {
        const centre = (element: Element) => {
          const box = element.getBoundingClientRect();
          return [box.x + box.width / 2, box.y + box.height / 2];
        };
        const canvas = document.querySelector<HTMLCanvasElement>(
          '[data-testid="head-marker"]:not([hidden])',
        );
        const markers: number[][] = [];
        if (canvas) {
          const { width, height } = canvas;
          const box = canvas.getBoundingClientRect();
          const copy = new OffscreenCanvas(width, height).getContext('2d')!;
          copy.drawImage(canvas, 0, 0);
          const data = copy.getImageData(0, 0, width, height).data;
          for (const colour of colours) {
            const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
            let [n, sx, sy] = [0, 0, 0];
            for (let i = 0; i < data.length; i += 4) {
              const near =
                data[i + 3] > 200 &&
                Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30;
              if (!near) continue;
              n++;
              sx += (i / 4) % width;
              sy += Math.floor(i / 4 / width);
            }
            if (n >= 10) {
              markers.push([
                box.x + ((sx / n + 0.5) * box.width) / width,
                box.y + ((sy / n + 0.5) * box.height) / height,
              ]);
            }
          }
        }
        return { markers, start: centre(document.querySelector('.start-marker')!) };
      }, colours);
    await expect.poll(async () => (await layout()).markers.length).toBe(runs);
    const { markers, start } = await layout();
    for (const [i, [x, y]] of markers.entries()) {
      // Outside the start ring (11 px with its halo) and a marker's width from every other one;
      // a shape's middle is within a pixel of its anchor (a triangle's lies 0.8 px below it).
      expect(Math.hypot(x - start[0], y - start[1]), `chapter ${chapter}`).toBeGreaterThan(10);
      for (const [ox, oy] of markers.slice(0, i))
        expect(Math.hypot(x - ox, y - oy), `chapter ${chapter}`).toBeGreaterThanOrEqual(11);
    }
  }
});

test.describe('optimizer cards', () => {
  test('show the update rule typeset by KaTeX and the PyTorch line with the current lr', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?lesson=2');
    // The chapter's scene arrives with the lazily loaded tour: edit only once it is in place.
    await expect(app.lessonPanel.getByRole('heading', { name: CHAPTERS[1].title })).toBeVisible();
    await expect.poll(async () => (await app.scene()).surface).toEqual({ id: CHAPTERS[1].surface });
    const lr = app.runCard('Adam').getByRole('textbox', { name: 'lr', exact: true });
    await lr.fill('0.2');
    await page.getByRole('button', { name: 'About Adam' }).click();
    const dialog = page.getByRole('dialog', { name: 'About Adam' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('update-rule').locator('.katex').first()).toBeVisible();
    await expect(dialog.getByTestId('torch-line')).toHaveText(
      'torch.optim.Adam(params, lr=0.2, betas=(0.9, 0.999))',
    );
    await expect(dialog.locator('.step-code')).toContainText('adamStep');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // The lesson's own link opens the same card.
    await app.lessonPanel.getByRole('button', { name: 'How Momentum works' }).click();
    const momentum = page.getByRole('dialog', { name: 'About Momentum' });
    await expect(momentum.getByTestId('torch-line')).toHaveText(
      'torch.optim.SGD(params, lr=0.1, momentum=0.9)',
    );
    await momentum.getByRole('button', { name: 'Close' }).click();
    await expect(momentum).toBeHidden();
  });
});

test.describe('random initialisation', () => {
  test('a 10 × 10 grid on Himmelblau colours each start by its basin, with counts', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&runs=sgd&steps=300&speed=1000');
    await page.getByRole('radio', { name: 'Grid' }).check();
    await page.getByRole('spinbutton', { name: 'Points per side' }).fill('10');
    await expect.poll(async () => (await app.scene()).starts).toEqual({ kind: 'grid', count: 10 });
    await expect.poll(() => app.step(), { timeout: 10_000 }).toBe(300);
    const legend = page.getByRole('region', { name: 'Where each start ended' });
    const rows = legend.getByRole('listitem').filter({ visible: true });
    await expect(rows).toHaveCount(4);
    const counts = (await rows.allTextContents()).map((text) => Number(/(\d+)$/.exec(text)![1]));
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/^global min/);
    const basins = await app.canvasFingerprint('basin-canvas');
    expect(basins.distinct).toBeGreaterThanOrEqual(4);
  });

  test('random starts are seeded: the same seed gives the same points, a new draw new ones', async ({
    page,
  }) => {
    const app = new DescentLab(page);
    await app.open('/?v=1&s=himmelblau&runs=sgd&steps=50');
    await page.getByRole('radio', { name: 'Random' }).check();
    await expect
      .poll(async () => (await app.scene()).starts)
      .toEqual({ kind: 'random', count: 100 });
    const first = await app.position(0);
    await page.getByRole('button', { name: 'New draw' }).click();
    await expect.poll(async () => (await app.scene()).seed).toBe(2);
    await app.pause();
    await page.keyboard.press('r');
    expect(await app.position(0)).not.toEqual(first);
    await expect(page).toHaveURL(/random=100/);
  });
});
