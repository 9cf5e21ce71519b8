/**
 * A minimal static file server for the built app, used by the e2e tests and the app benchmark: the
 * production files exactly as a host would serve them, with no dev tooling in between, and with
 * the app's Content-Security-Policy as a header on every response (Workers get theirs from it).
 *
 * `crossOriginIsolated` adds the two headers that make the page cross-origin isolated, for
 * benchmarks only: Chromium then gives performance.now() and requestAnimationFrame timestamps 5 µs
 * resolution instead of 100 µs with a random jitter, which alone puts 3–5 % of a blank page's
 * 16.67 ms frame intervals at 16.8 ms and so decides a frame-interval p95 of 16.7 or 16.8.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../build/contentSecurityPolicy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function serveStatic(
  root: string,
  port: number,
  { crossOriginIsolated = false } = {},
): Promise<Server> {
  const isolation = crossOriginIsolated
    ? {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      }
    : {};
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      ...isolation,
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
