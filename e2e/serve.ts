/** `tsx e2e/serve.ts DIR PORT`: serves a built app until killed (Playwright's web server). */
import { resolve } from 'node:path';
import { serveStatic } from './staticServer.ts';

const [dir = 'dist', port = '4173'] = process.argv.slice(2);
await serveStatic(resolve(dir), Number(port));
console.log(`serving ${dir} at http://127.0.0.1:${port}`);
