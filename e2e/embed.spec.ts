import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { DescentLab, waitForFrames } from './descentLab.ts';

/**
 * The host: a page on another origin (another port of 127.0.0.1) that embeds the app and logs every
 * message it gets from the frame. A real local server, since Chromium blocks pages that do not come
 * from a local address (such as Playwright's fulfilled routes) from framing a local server.
 */
let host: Server;
let hostPort = 0;
const hostHtml = new Map<string, string>();

test.beforeAll(async () => {
  host = createServer((request, response) => {
    const body = hostHtml.get(request.url ?? '');
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html' }).end(body ?? '');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostPort = (host.address() as AddressInfo).port;
});

test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

function hostPage(src: string, width: number, height: number): string {
  // An empty icon: the host's own 404 for /favicon.ico would count as a console error.
  return `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
<iframe id="lab" src="${src}" width="${width}" height="${height}" style="border:0" title="Descent Lab"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    if (event.source === document.getElementById('lab').contentWindow) window.received.push(event.data);
  });
  window.send = (message) => document.getElementById('lab').contentWindow.postMessage(message, '*');
</script></body></html>`;
}

interface Received {
  type: string;
  step?: number;
  height?: number;
  version?: number;
  scene?: string;
  playing?: boolean;
}

async function openHost(
  page: Page,
  baseURL: string,
  query: string,
  size: [number, number] = [800, 500],
): Promise<Frame> {
  const path = `/host-${hostHtml.size}.html`;
  hostHtml.set(path, hostPage(`${baseURL}/?embed=1&${query}`, ...size));
  await page.goto(`http://127.0.0.1:${hostPort}${path}`);
  const frame = (await (await page.locator('#lab').elementHandle())!.contentFrame())!;
  await expect(frame.getByTestId('plot-panel')).toBeVisible();
  return frame;
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Received[] }).received);
const send = (page: Page, message: unknown) =>
  page.evaluate((m) => (window as unknown as { send(m: unknown): void }).send(m), message);
const frameStep = (frame: Frame) => frame.evaluate(() => window.__descentLab!.controller.step);

test.describe('embed', () => {
  test('tells the host it is ready and how tall it wants to be; no page chrome', async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL!, 's=rosenbrock&runs=adam&autoplay=0');
    await expect
      .poll(async () => (await received(page)).map((m) => m.type))
      .toContain('descent-lab:ready');
    const messages = await received(page);
    const ready = messages.find((m) => m.type === 'descent-lab:ready')!;
    expect(ready).toMatchObject({ version: 1, step: 0, playing: false, stepBudget: 1000 });
    expect(ready.scene).toContain('s=rosenbrock');
    const height = messages.find((m) => m.type === 'descent-lab:height')!;
    // 16:10 plot at the frame's width plus the control strip.
    expect(height.height).toBeGreaterThan(500);
    expect(height.height).toBeLessThan(600);
    await expect(frame.getByRole('heading', { name: 'Descent Lab' })).toHaveCount(0);
    await expect(frame.getByRole('button', { name: 'Share' })).toHaveCount(0);
    const link = frame.getByRole('link', { name: 'Open in Descent Lab (new tab)' });
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener');
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/?v=1&s=rosenbrock&runs=adam');
  });

  test("a change inside the embed adds nothing to the host page's history", async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL!, 's=rosenbrock&runs=adam');
    const historyLength = () => page.evaluate(() => history.length);
    const before = await historyLength();
    // A tap on the plot moves the start, which on the full page is a Back-able change.
    const plot = (await frame.getByTestId('plot-interaction').boundingBox())!;
    await page.mouse.click(plot.x + plot.width * 0.3, plot.y + plot.height * 0.6);
    await expect
      .poll(() =>
        frame.evaluate(() => {
          const { starts } = window.__descentLab!.store.getState().scene;
          return starts.kind === 'points' ? starts.points[0][0] : NaN;
        }),
      )
      .not.toBe(-1.5);
    await send(page, { type: 'descent-lab:setScene', scene: '?s=beale&runs=sgd' });
    await expect(frame.getByTestId('step-counter')).toBeVisible();
    await expect
      .poll(() => frame.evaluate(() => window.__descentLab!.store.getState().scene.surface))
      .toEqual({ id: 'beale' });
    // The frame's address follows the scene (a moment later): replaced, not pushed.
    await expect.poll(() => frame.evaluate(() => location.search)).toContain('s=beale');
    expect(await historyLength()).toBe(before);
  });

  test('play, pause, step, reset and setScene from the host', async ({ page, baseURL }) => {
    const frame = await openHost(page, baseURL!, 's=rosenbrock&runs=adam&autoplay=0');
    await expect.poll(async () => (await received(page)).length).toBeGreaterThan(0);
    // autoplay=0: however many frames pass, the race stays at step 0 until the host says play.
    await waitForFrames(frame, 10);
    expect(await frameStep(frame)).toBe(0);

    await send(page, { type: 'descent-lab:play' });
    await expect(frame.getByTestId('step-counter')).not.toHaveText(/^Step 0 /);
    await expect
      .poll(async () =>
        Math.max(
          ...(await received(page)).map((m) => (m.type === 'descent-lab:step' ? m.step! : 0)),
        ),
      )
      .toBeGreaterThan(0);
    await send(page, { type: 'descent-lab:pause' });
    await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible();
    const paused = await frameStep(frame);
    await send(page, { type: 'descent-lab:step' });
    await expect.poll(() => frameStep(frame)).toBe(paused + 1);
    await send(page, { type: 'descent-lab:reset' });
    await expect.poll(() => frameStep(frame)).toBe(0);

    // While playing, step events follow the race (how often is the Throttle's unit test, on a
    // fake clock); after a pause the last one tells the host where playback stopped.
    const before = (await received(page)).length;
    await send(page, { type: 'descent-lab:play' });
    const stepEvents = async () =>
      (await received(page)).slice(before).filter((m) => m.type === 'descent-lab:step');
    await expect
      .poll(async () => (await stepEvents()).filter((m) => m.step! > 0).length)
      .toBeGreaterThan(1);
    await send(page, { type: 'descent-lab:pause' });
    await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible();
    const stopped = await frameStep(frame);
    await expect
      .poll(async () => (await stepEvents()).at(-1))
      .toMatchObject({ step: stopped, playing: false });
    const steps = (await stepEvents()).map((m) => m.step!);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));

    await send(page, {
      type: 'descent-lab:setScene',
      scene: {
        surface: { id: 'booth' },
        runs: [
          { id: 'a', label: 'Slow SGD', optimizer: 'SGD', params: { lr: 0.001 }, visible: true },
        ],
        steps: 300,
      },
    });
    await expect
      .poll(() => frame.evaluate(() => window.__descentLab!.store.getState().scene.surface))
      .toEqual({ id: 'booth' });
    expect(await frame.evaluate(() => window.__descentLab!.controller.stepBudget)).toBe(300);
    // A scene as a query string, with a broken part: the notice shows in the frame.
    await send(page, { type: 'descent-lab:setScene', scene: 'v=1&s=himmelblau&runs=adam!lr_-1' });
    const notices = frame.getByRole('status', { name: 'Notices' });
    await expect(notices).toContainText('runs[0].params.lr: expected a number ≥ 0 (got -1)');
    expect(await frame.evaluate(() => window.__descentLab!.store.getState().scene.surface)).toEqual(
      {
        id: 'himmelblau',
      },
    );
  });

  test('ignores junk and never injects what a message holds', async ({ page, baseURL }) => {
    const frame = await openHost(page, baseURL!, 's=beale&autoplay=0');
    await expect.poll(async () => (await received(page)).length).toBeGreaterThan(0);
    const scene = await frame.evaluate(() =>
      JSON.stringify(window.__descentLab!.store.getState().scene),
    );
    for (const junk of [
      'descent-lab:play',
      null,
      42,
      { type: 'play' },
      { type: 'descent-lab:explode' },
      { type: 'descent-lab:setScene' },
      { type: 'descent-lab:setScene', scene: [1, 2, 3] },
      { type: 'descent-lab:setScene', scene: 'x'.repeat(30_000) },
      { type: { toString: 'descent-lab:play' } },
    ]) {
      await send(page, junk);
    }
    // Messages are handled in order: once this step shows, every piece of junk has been seen.
    await send(page, { type: 'descent-lab:step' });
    await expect.poll(() => frameStep(frame)).toBe(1);
    expect(await frame.evaluate(() => window.__descentLab!.store.getState().playing)).toBe(false);
    expect(
      await frame.evaluate(() => JSON.stringify(window.__descentLab!.store.getState().scene)),
    ).toBe(scene);

    // A scene of the right shape whose parts are markup: shown as text in the notices, never as HTML.
    await send(page, {
      type: 'descent-lab:setScene',
      scene: { surface: { expression: '<img src=x onerror="window.pwned=1">' }, runs: '<script>' },
    });
    await expect(frame.getByRole('status', { name: 'Notices' })).toContainText(
      'runs must be a list (got "<script>")',
    );
    expect(await frame.locator('img, script:not([src])').count()).toBe(0);
    expect(
      await frame.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
  });

  test('in a 320×240 frame the legend starts as its markers and unfolds to the names', async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL!, '', [320, 240]);
    const legend = frame.getByTestId('legend');
    const unfold = legend.getByRole('button', { name: "Show the runs' names" });
    await expect(unfold).toBeVisible();
    // Six markers, no names: the race under it stays in sight (the names took ~3 rows of a
    // 190-px plot, right over the default start).
    await expect(unfold.locator('svg')).toHaveCount(6);
    const share = async () => {
      const [box, plot] = await Promise.all([
        legend.boundingBox(),
        frame.getByTestId('plot-panel').boundingBox(),
      ]);
      return (box!.width * box!.height) / (plot!.width * plot!.height);
    };
    expect(await share()).toBeLessThan(0.05);
    await unfold.click();
    await expect(legend.getByRole('button', { name: 'Adam', exact: true })).toBeVisible();
    expect(await share()).toBeGreaterThan(0.1);
    await legend.getByRole('button', { name: 'Fold the legend' }).click();
    await expect(unfold).toBeVisible();
  });

  test('fits a 320×240 frame with no scrollbars; the plot shrinks', async ({ page, baseURL }) => {
    const frame = await openHost(page, baseURL!, 's=rosenbrock&runs=adam,momentum', [320, 240]);
    const layout = await frame.evaluate(() => {
      const root = document.documentElement;
      const plot = document.querySelector('[data-testid="plot-panel"]')!.getBoundingClientRect();
      return {
        scrollWidth: root.scrollWidth,
        scrollHeight: root.scrollHeight,
        width: root.clientWidth,
        height: root.clientHeight,
        plot: [plot.width, plot.height],
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.scrollHeight).toBeLessThanOrEqual(layout.height);
    expect(layout.plot[0]).toBeGreaterThan(280);
    expect(layout.plot[1]).toBeGreaterThan(150);
    await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Reset' })).toBeVisible();
    await expect(frame.getByRole('link', { name: 'Open in Descent Lab (new tab)' })).toBeVisible();
    await expect
      .poll(async () =>
        Number((await frame.getByTestId('step-counter').textContent())?.match(/\d+/)?.[0]),
      )
      .toBeGreaterThan(0);
  });

  test('graph=1 keeps the plot over half of a 320×240 frame, with or without the strip', async ({
    page,
    baseURL,
  }, testInfo) => {
    for (const options of ['graph=1', 'graph=1&controls=0&theme=dark']) {
      const frame = await openHost(page, baseURL!, `${options}&s=rosenbrock`, [320, 240]);
      await expect(frame.getByRole('img', { name: /Chart of the runs/ })).toBeVisible();
      const layout = await frame.evaluate(() => {
        const root = document.documentElement;
        const plot = document.querySelector('[data-testid="plot-panel"]')!.getBoundingClientRect();
        return {
          overflow: [root.scrollWidth - root.clientWidth, root.scrollHeight - root.clientHeight],
          share: (plot.width * plot.height) / (root.clientWidth * root.clientHeight),
        };
      });
      expect(layout.overflow).toEqual([0, 0]);
      expect(layout.share).toBeGreaterThanOrEqual(0.5);
      await page.screenshot({ path: testInfo.outputPath(`embed-320x240-${options}.png`) });
    }
  });

  test("the README's iframe example shows a scene where no run diverges or leaves the plot", async ({
    page,
    baseURL,
  }) => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const src = /<iframe\s+src="[^"?]*\?([^"]+)"/.exec(readme)![1];
    const [width, height] = [/width="(\d+)"/, /height="(\d+)"/].map((key) =>
      Number(key.exec(readme)![1]),
    );
    const frame = await openHost(
      page,
      baseURL!,
      src.replace('embed=1&', '').replace(/&?autoplay=\d/, '') + '&autoplay=0',
      [width, height],
    );
    // The whole step budget, read from the simulation.
    const runs = await frame.evaluate(() => {
      const { controller, store } = window.__descentLab!;
      controller.seek(controller.stepBudget);
      const view = store.getState().scene.view ?? controller.surface.view;
      return controller.simulation.runs.map((run) => {
        let inView = true;
        for (let k = 0; k <= run.steps; k++) {
          const [x, y] = [run.positions.get(k, 0), run.positions.get(k, 1)];
          inView &&= x >= view.xMin && x <= view.xMax && y >= view.yMin && y <= view.yMax;
        }
        return { steps: run.steps, inView, loss: run.losses.get(run.steps, 0) };
      });
    });
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) {
      expect(run.steps).toBe(1000);
      expect(run.inView).toBe(true);
      // Each ends near Rosenbrock's minimum (f = 0 at (1, 1)).
      expect(run.loss).toBeLessThan(1e-3);
    }
  });

  test('controls=0 hides the strip but keeps the link; theme=dark and graph=1 apply', async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL!, 'controls=0&theme=dark&graph=1');
    await expect(frame.getByRole('group', { name: 'Playback' })).toHaveCount(0);
    await expect(frame.getByRole('link', { name: 'Open in Descent Lab (new tab)' })).toBeVisible();
    await expect(frame.getByRole('img', { name: /Chart of the runs/ })).toBeVisible();
    await expect(frame.locator('.embed')).toHaveAttribute('data-theme', 'dark');
  });
});

test.describe('share dialog', () => {
  test('copies the link and the embed code, previews the embed, and closes on Escape', async ({
    page,
    baseURL,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = new DescentLab(page);
    await app.open('/?v=1&s=booth&runs=adam');
    const dialog = await app.openDialog('Share');
    const link = dialog.getByRole('textbox', { name: 'Link' });
    await expect(link).toBeFocused();
    await expect(link).toHaveValue(`${baseURL}/?v=1&s=booth&runs=adam`);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseURL}/?v=1&s=booth&runs=adam`,
    );

    await dialog.getByRole('checkbox', { name: 'Autoplay' }).uncheck();
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await dialog.getByRole('spinbutton', { name: 'Width' }).fill('640');
    const src = `${baseURL}/?embed=1&autoplay=0&theme=dark&v=1&s=booth&runs=adam`;
    await expect(dialog.getByRole('textbox', { name: 'Embed code' })).toHaveValue(
      `<iframe src="${src.replace(/&/g, '&amp;')}" title="Descent Lab: Adam on Booth" width="640" height="500" style="border:0" loading="lazy"></iframe>`,
    );
    const preview = dialog.locator('iframe[title="Embed preview"]');
    await expect(preview).toHaveAttribute('src', src);
    const frame = page.frameLocator('iframe[title="Embed preview"]');
    await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(frame.getByTestId('step-counter')).toHaveText('Step 0 / 1000');

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(app.button('Share')).toBeFocused();
  });
});
