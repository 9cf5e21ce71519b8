import { defineConfig } from 'vitest/config';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';

export default defineConfig({
  plugins: [stepSourcePlugin()],
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // Property tests, CLI runs and Worker pools took 5–22 s with both cores busy (default: 5 s): the
    // timeout is there to catch a hang, not to time anything.
    testTimeout: 60_000,
  },
});
