import { defineConfig } from 'vitest/config';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';

export default defineConfig({
  plugins: [stepSourcePlugin()],
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
  },
});
