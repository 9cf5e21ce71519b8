import { defineConfig } from 'vite';
import { contentSecurityPolicyPlugin } from './build/contentSecurityPolicy.ts';
import { stepSourcePlugin } from './build/stepSourcePlugin.ts';
import { reactOnPreact } from './build/reactOnPreact.ts';

export default defineConfig({
  plugins: [stepSourcePlugin(), contentSecurityPolicyPlugin()],
  resolve: { alias: reactOnPreact },
  // JSX compiles straight to Preact's runtime (a full reload on edit in dev: no fast refresh).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The JSX runtime is imported only by compiled components, so the dev server's first scan missed
  // it: a fresh clone's first `npm start` load re-optimised, answered 504 and reloaded the page.
  optimizeDeps: { include: ['preact/jsx-dev-runtime'] },
  // Relative asset paths so the built files work from any folder, including file:// embeds.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    // Browsers without <link rel="modulepreload"> (Safari < 17, Firefox < 115) still load every
    // lazy chunk, just without fetching its imports ahead; not worth a polyfill in the first chunk.
    modulePreload: { polyfill: false },
    // Every asset as a file, never a data: URL, which the Content-Security-Policy's font-src and
    // img-src 'self' would block (KaTeX's smallest font was inlined as data:font/woff2).
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Every module the first screen runs goes into the entry chunk. Left alone, rolldown cuts
          // them into a dozen small chunks shared with lazy ones, each gzipped on its own: ~3 KB more
          // to download, and more requests. Their imports are all in this group too, hence no
          // recursive inclusion (which would follow dynamic imports and undo the lazy loading).
          groups: [{ name: 'index', tags: ['$initial'], includeDependenciesRecursively: false }],
        },
      },
    },
  },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
});
