/**
 * `import code from './sgd.ts?step-source'` gives the TypeScript between `// #region step` and
 * `// #endregion` in that file, dedented, as a string — cut when the app is built (or a test
 * imports it), so the optimizer card shows exactly the code the simulation runs and the page never
 * downloads or parses the rest of the file for it. A file asked for without such a region fails the
 * build, so a renamed or moved step cannot silently vanish from its card.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const QUERY = '?step-source';
const REGION = /^[ \t]*\/\/ #region step\n([\s\S]*?)^[ \t]*\/\/ #endregion/m;

/** Removes the indentation every non-blank line shares. */
export function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length),
  );
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** The step region of `source`, or null when it has none. */
export function stepRegion(source: string): string | null {
  const match = REGION.exec(source);
  return match ? dedent(match[1]) : null;
}

export function stepSourcePlugin(): Plugin {
  return {
    name: 'descent-lab-step-source',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(QUERY)) return null;
      const file = id.slice(0, -QUERY.length);
      const region = stepRegion(readFileSync(file, 'utf8'));
      if (region === null) this.error(`${file} has no "// #region step" … "// #endregion" block`);
      return `export default ${JSON.stringify(region)};`;
    },
  };
}
