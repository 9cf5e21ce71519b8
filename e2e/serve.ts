/**
 * `tsx e2e/serve.ts DIR PORT [--isolated]`: serves a built app until killed (Playwright's web
 * server); `--isolated` serves it cross-origin isolated, as `bench:app` does, for measure-page.
 */
import { resolve } from 'node:path';
import { serveStatic } from './staticServer.ts';

const args = process.argv.slice(2);
const [dir = 'dist', port = '4173'] = args.filter((arg) => arg !== '--isolated');
await serveStatic(resolve(dir), Number(port), { crossOriginIsolated: args.includes('--isolated') });
console.log(`serving ${dir} at http://127.0.0.1:${port}`);
