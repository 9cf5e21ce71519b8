import type { BrowserContext, Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../build/contentSecurityPolicy.ts';
import { expect, test } from './fixtures.ts';
import { DescentLab } from './descentLab.ts';

/**
 * The app under its own Content-Security-Policy, sent as a header by the e2e server and carried in
 * index.html. Every page and frame records each `securitypolicyviolation` from its first script on;
 * the tests use every feature that loads code, styles, fonts, Workers or frames, and expect none.
 */
async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
}

async function violations(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (const frame of page.frames())
    all.push(
      ...(await frame.evaluate(
        () => (window as unknown as { __violations?: string[] }).__violations ?? [],
      )),
    );
  return all;
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog').getByRole('button', { name: button, exact: true }).click(),
  ]);
  return file.suggestedFilename();
}

test.beforeEach(({ context }) => recordViolations(context));

test.describe('the Content-Security-Policy', () => {
  test.describe('is in force', () => {
    test.use({ expectedConsoleErrors: [/^Executing inline script violates/] });

    test('as a header and in index.html: an injected inline script does not run', async ({
      page,
    }) => {
      const response = await page.goto('/');
      expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
        'content',
        CONTENT_SECURITY_POLICY,
      );
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.head.append(script);
      });
      expect(await page.evaluate(() => 'injected' in window)).toBe(false);
      // Blocked once by each policy, the header's and the page's own.
      expect(await violations(page)).toEqual([
        'script-src-elem blocked inline',
        'script-src-elem blocked inline',
      ]);
    });
  });

  test('allows everything the app does: plot, typed formula, KaTeX, lessons, lab Workers, exports', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const app = new DescentLab(page);
    await app.open('/?v=1&s=rosenbrock&runs=adam!lr_0.02,momentum!lr_0.0002&steps=200&lesson=2');
    await expect.poll(() => app.step()).toBeGreaterThan(3);
    await expect
      .poll(async () => (await app.canvasFingerprint('contour-canvas')).distinct)
      .toBeGreaterThan(10);

    // KaTeX: the update rule typeset, with its fonts loaded from files.
    await page.getByRole('button', { name: 'About Adam' }).click();
    const card = page.getByRole('dialog', { name: 'About Adam' });
    await expect(card.getByTestId('update-rule').locator('.katex').first()).toBeVisible();
    const katexFonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded')
        .length;
    });
    expect(katexFonts).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // A typed formula: parsed, compiled, its contours computed in a Worker.
    const contours = await app.canvasFingerprint('contour-canvas');
    await page.getByRole('button', { name: /^Surface:/ }).click();
    await page.getByRole('option', { name: 'Custom…' }).click();
    await page.getByRole('textbox', { name: 'f(x, y) =' }).fill('sin(x)*cos(y) + 0.1*(x^2 + y^2)');
    await expect
      .poll(async () => (await app.canvasFingerprint('contour-canvas')).sum)
      .not.toBe(contours.sum);

    // Exports: pictures, animation, data, and the PyTorch script.
    await app.pause();
    const exports = await app.openDialog('Export');
    await exports.getByRole('spinbutton', { name: 'Frames', exact: true }).fill('4');
    for (const button of ['PNG (2×)', 'SVG', 'GIF', 'CSV', 'JSON'])
      expect(await download(page, button)).toMatch(/^descent-lab-/);
    await expect(exports.getByRole('textbox', { name: 'PyTorch script' })).toHaveValue(/torch/);
    await page.keyboard.press('Escape');

    // The share dialog frames the app itself for its preview.
    const share = await app.openDialog('Share');
    const preview = page.frameLocator('iframe[title="Embed preview"]');
    await expect(preview.getByTestId('plot-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(share).toHaveCount(0);

    // The lab: an experiment from a link, run in Workers to the end.
    await app.open('/?s=himmelblau&lab=basins!o_sgd.adam!n_20!t_200!lrs_0.005~0.05');
    await expect(page.getByText(/^Done in/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('lab-basin-map')).toHaveCount(2);
    expect(await violations(page)).toEqual([]);
  });

  test('allows the embedding example: its host script, the frame, and the messages between them', async ({
    page,
  }) => {
    await page.goto('/embed-example.html');
    const frame = page.frameLocator('#descent-lab');
    await expect(frame.getByTestId('step-counter')).toHaveText(/^Step 0 /);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(frame.getByTestId('step-counter')).not.toHaveText(/^Step 0 /);
    await expect(page.locator('#log')).toContainText('descent-lab:step');
    expect(await violations(page)).toEqual([]);
  });
});
