import type { Frame, Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { Viewport } from '../src/render/viewport.ts';
import type { DistributedGradient } from '../src/core/distributed/workers.ts';
import type { Scene } from '../src/core/scene/scene.ts';

/** The default scene's runs, in order: the article's six optimizers. */
export const ARTICLE_SIX = ['SGD', 'Momentum', 'Nesterov', 'Adagrad', 'RMSProp', 'Adam'];

/** Page object over the app's accessible controls and its small test hook. */
export class DescentLab {
  constructor(readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByTestId('plot-panel').first()).toBeVisible();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  get stepCounter(): Locator {
    return this.page.getByTestId('step-counter');
  }

  /** The step on screen, from the visible counter ("Step 12 / 1000"). */
  async step(): Promise<number> {
    const text = (await this.stepCounter.textContent()) ?? '';
    return Number(/Step (\d+)/.exec(text)?.[1] ?? NaN);
  }

  /**
   * Pauses through the store: a short run can end between seeing "Pause" and clicking it, and the
   * click would then press Play. Tests of the button itself click it. Returns once the step counter
   * shows the paused step.
   */
  async pause(): Promise<void> {
    const step = await this.page.evaluate(() => {
      const { store, controller } = window.__descentLab!;
      store.getState().pause();
      return controller.step;
    });
    await expect(this.button('Play')).toBeVisible();
    // The counter's text follows on the next frame; tests read the step from it.
    await expect(this.stepCounter).toHaveText(new RegExp(`^Step ${step} `));
  }

  /** Moves the clock to `step` (paused, it stays there) and waits for the counter to show it. */
  async seek(step: number): Promise<void> {
    await this.page.evaluate((target) => window.__descentLab!.controller.seek(target), step);
    await expect(this.stepCounter).toHaveText(new RegExp(`^Step ${step} /`));
  }

  runCard(label: string): Locator {
    return this.page.getByRole('region', { name: label, exact: true });
  }

  /** Clicks the top bar's `button` (Share, Export) and returns the modal dialog it opens. */
  async openDialog(button: string): Promise<Locator> {
    await this.button(button).click();
    const dialog = this.page.getByRole('dialog', { name: button });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Position of run `run`'s first particle at the step on screen, from the test hook. */
  async position(run: number): Promise<[number, number]> {
    return this.page.evaluate((index) => {
      const { controller } = window.__descentLab!;
      const r = controller.simulation.runs[index];
      const k = Math.min(controller.step, r.steps);
      return [r.positions.get(k, 0), r.positions.get(k, 1)] as [number, number];
    }, run);
  }

  /** Values run `run`'s workers sent up to the step on screen (DistributedSGD runs only). */
  async valuesSent(run: number): Promise<number> {
    return this.page.evaluate((index) => {
      const { controller } = window.__descentLab!;
      const r = controller.simulation.runs[index];
      const cluster = r.gradientSource as DistributedGradient;
      return cluster.valuesSent.get(Math.min(controller.step, r.steps), 0);
    }, run);
  }

  async startPoint(): Promise<[number, number]> {
    return this.page.evaluate(() => {
      const { starts } = window.__descentLab!.store.getState().scene;
      return starts.kind === 'points' ? [starts.points[0][0], starts.points[0][1]] : [NaN, NaN];
    }) as Promise<[number, number]>;
  }

  /** The first plot's box on the page and its mapping of world points, as the app maps them. */
  async plotViewport(): Promise<{ box: { x: number; y: number }; viewport: Viewport }> {
    const view = await this.page.evaluate(() => {
      const { store, controller } = window.__descentLab!;
      return store.getState().scene.view ?? controller.surface.view;
    });
    const box = (await this.page.getByTestId('plot-interaction').first().boundingBox())!;
    return { box, viewport: new Viewport(view, box.width, box.height) };
  }

  /** Moves the pointer over world point (x, y) of the first plot, mapped as the app maps it. */
  async hoverWorld(x: number, y: number): Promise<void> {
    const { box, viewport } = await this.plotViewport();
    await this.page.mouse.move(box.x + viewport.toPixelX(x), box.y + viewport.toPixelY(y));
  }

  /** The guided tour's panel (after "Lessons" or `?lesson=N`). */
  get lessonPanel(): Locator {
    return this.page.getByTestId('lesson-panel');
  }

  /** The scene on screen, from the test hook. */
  async scene(): Promise<Scene> {
    return this.page.evaluate(() => window.__descentLab!.store.getState().scene);
  }

  /**
   * How many pixels of a canvas anything was drawn on. Read through a copy: a canvas handed to a
   * Worker (the crowd canvas) has no context of its own to read.
   */
  async inkedPixels(testId: string): Promise<number> {
    return this.page.getByTestId(testId).evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d')!;
      copy.drawImage(canvas, 0, 0);
      const data = copy.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    });
  }

  /**
   * How many pixels the runs' heads ink: the head canvas (fate marks, crowded runs' dots) and the
   * marker elements that few heads are drawn as.
   */
  async headInk(): Promise<number> {
    return this.page.evaluate(() => {
      let inked = 0;
      const canvases = document.querySelectorAll<HTMLCanvasElement>(
        '[data-testid="head-canvas"], [data-testid="head-marker"]:not([hidden])',
      );
      for (const canvas of canvases) {
        // Read through a copy: a marker shows a bitmap (it has no 2D context to read).
        const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d')!;
        copy.drawImage(canvas, 0, 0);
        const data = copy.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      }
      return inked;
    });
  }

  /** A cheap fingerprint of a canvas's pixels, to tell whether something was drawn or changed. */
  async canvasFingerprint(testId: string, index = 0): Promise<{ sum: number; distinct: number }> {
    return this.page
      .getByTestId(testId)
      .nth(index)
      .evaluate((element) => {
        const canvas = element as HTMLCanvasElement;
        // Read through a copy: the contour canvas shows a bitmap (it has no 2D context to read).
        const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d')!;
        copy.drawImage(canvas, 0, 0);
        const data = copy.getImageData(0, 0, canvas.width, canvas.height).data;
        let sum = 0;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 7) {
          sum =
            (sum * 31 + data[i] + 3 * data[i + 1] + 7 * data[i + 2] + 11 * data[i + 3]) %
            1_000_000_007;
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        }
        return { sum, distinct: colours.size };
      });
  }
}

/**
 * Waits for `count` animation frames of a page or frame: long enough for the frame loop to have
 * drawn and ticked that often, however slow the machine is (unlike a fixed sleep).
 */
export async function waitForFrames(target: Page | Frame, count: number): Promise<void> {
  await target.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
  }, count);
}
