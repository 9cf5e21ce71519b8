/**
 * The suite's `test` and `expect`: every spec imports them from here, so every test fails on a
 * console error or an uncaught error in any page or frame of its browser context. A test that
 * provokes an error on purpose names it with `test.use({ expectedConsoleErrors: [/…/] })`.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ expectedConsoleErrors: RegExp[]; failOnPageErrors: void }>({
  expectedConsoleErrors: [[], { option: true }],
  failOnPageErrors: [
    async ({ context, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
      context.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
        const { url, lineNumber } = message.location();
        errors.push(`console error: ${message.text()} (${url}:${lineNumber})`);
      });
      await use();
      expect(errors, 'console errors and page errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
