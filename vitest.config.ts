import { defineConfig } from 'vitest/config';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';
import { reactOnPreact } from './build/reactOnPreact.ts';

export default defineConfig({
  plugins: [stepSourcePlugin()],
  // The lessons' tests import modules that use zustand's React hooks: the same Preact as the app
  // (zustand inlined, so its own `react` import goes through the alias too).
  resolve: { alias: reactOnPreact },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: ['zustand'] } },
    // Property tests, CLI runs and Worker pools took 5–22 s with both cores busy (default: 5 s): the
    // timeout is there to catch a hang, not to time anything.
    testTimeout: 60_000,
  },
});
