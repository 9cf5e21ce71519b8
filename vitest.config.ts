import { defineConfig } from 'vitest/config';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';

export default defineConfig({
  plugins: [stepSourcePlugin()],
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // Property tests take seconds on an idle machine and several times that when other processes
    // keep the cores busy: the timeout is there to catch a hang, not to time anything.
    testTimeout: 60_000,
  },
});
