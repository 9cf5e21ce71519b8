/**
 * `tsx build/sizeBudget.ts [DIST]`: fails (exit 1, one line) when the JavaScript that the built
 * index.html loads before anything is clicked — its module scripts and modulepreloads, gzipped —
 * is over the budget. Run by `npm run test:e2e` right after `vite build`, so a change that grows the
 * first download fails CI instead of slowing every first visit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/**
 * Gzip bytes of the initial JavaScript at most (kB as Vite prints them: 1,000 bytes): today's size
 * with a little room, so growth fails; well under issue #16's 100 kB. It was 137.9 kB until the
 * components moved from react-dom (≈58 kB of it) to Preact's compatibility layer: 79.4 kB since.
 * The first contours, painted before the app mounts (playback/firstContours.ts: contour levels,
 * cell bands), added 1.5 kB: loaded as a chunk of its own instead, they came ~200 ms later under
 * load (two more requests and tasks before the first picture). Mounting the first screen in turns
 * (ui/mountTurns.ts) added 0.3 kB, for a first render half as long. The legend moving off a run's
 * fate mark (render/legendCorner.ts, the trajectory layer reporting its marks) added 0.4 kB: a ×
 * under the legend hid what happened to the run. Contour pictures painted by their Worker, canvases
 * drawn through their OffscreenCanvas and the legend's box kept out of React added 0.4 kB, for
 * less main-thread time a frame; the plot's first size from index.html's frame (ui/shellSizes.ts)
 * 0.1 kB, for a first render without a forced layout. The loss chart drawn in a Worker
 * (playback/chartWorkerHost.ts) added 0.7 kB, for ≈0.2 ms less of the page's thread a frame; the
 * heads copied onto one small canvas instead of moved as elements (render/headMarkers.ts) 0.1 kB,
 * for ≈0.3 ms less a frame at 1× CPU and ≈2 ms less at 4×.
 */
export const INITIAL_JAVASCRIPT_BUDGET_BYTES = 85_400;

/** The JavaScript files an index.html loads up front: module scripts and modulepreload links. */
export function initialScripts(html: string): string[] {
  const files: string[] = [];
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const attributes = tag[0];
    const isScript = tag[1] === 'script';
    if (!isScript && !/\brel="modulepreload"/.test(attributes)) continue;
    const url = /\b(?:src|href)="([^"]+\.js)"/.exec(attributes)?.[1];
    if (url) files.push(url.replace(/^\.?\//, ''));
  }
  return files;
}

export interface InitialJavaScript {
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
}

/** The initial JavaScript of a built app in `dist`, with each file's gzip size. */
export function initialJavaScript(dist: string): InitialJavaScript {
  const files = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8')).map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length,
  }));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2] ?? 'dist';
  const { files, gzipBytes } = initialJavaScript(dist);
  const names = files.map((f) => `${f.file} ${kB(f.gzipBytes)} kB`).join(', ');
  if (gzipBytes > INITIAL_JAVASCRIPT_BUDGET_BYTES) {
    console.error(
      `size budget: initial JavaScript is ${kB(gzipBytes)} kB gzip, over the ${kB(INITIAL_JAVASCRIPT_BUDGET_BYTES)} kB budget (${names}); load what the first screen does not need lazily`,
    );
    process.exit(1);
  }
  console.log(
    `size budget: initial JavaScript ${kB(gzipBytes)} kB gzip of ${kB(INITIAL_JAVASCRIPT_BUDGET_BYTES)} kB (${names})`,
  );
}
