import { defineConfig } from 'vitest/config';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';

export default defineConfig({
  plugins: [stepSourcePlugin()],
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // Tests that spawn the CLI or start Workers took 5–22 s with both cores busy (default: 5 s).
    testTimeout: 60_000,
  },
});
