/**
 * The suite's `test` and `expect`: every spec imports them from here, so every test fails on a
 * console error or an uncaught error in any page or frame of its browser context.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
      context.on('console', (message) => {
        if (message.type() !== 'error') return;
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
