/**
 * The code that runs, shown on the optimizer card: the TypeScript of each optimizer's step, cut
 * from its source file. The files come in through Vite's `?raw` import (each loaded only when its
 * card opens), so the card can never drift from what the simulation executes — a hand-kept excerpt
 * would go stale the first time someone fixed a step. A step that only delegates
 * (`step: (params, ctx) => adamStep(…)`) shows the function it calls instead.
 */

const FILES = import.meta.glob<string>(
  ['../../core/optimizers/*.ts', '../../core/distributed/distributedSgd.ts', '!**/*.test.ts'],
  { query: '?raw', import: 'default' },
);

const OPTIMIZERS_DIR = '../../core/optimizers/';

/** The source file of each optimizer, relative to src/core. */
export const SOURCE_FILES: Readonly<Record<string, string>> = {
  SGD: 'optimizers/sgd.ts',
  Adagrad: 'optimizers/adagrad.ts',
  RMSprop: 'optimizers/rmsprop.ts',
  Adam: 'optimizers/adam.ts',
  AdamW: 'optimizers/adamw.ts',
  Adadelta: 'optimizers/adadelta.ts',
  Adamax: 'optimizers/adamax.ts',
  NAdam: 'optimizers/nadam.ts',
  RAdam: 'optimizers/radam.ts',
  Newton: 'optimizers/newton.ts',
  PerturbedGD: 'optimizers/perturbedGd.ts',
  DistributedSGD: 'distributed/distributedSgd.ts',
};

/** From `open` (the index of a "{") to its matching "}", inclusive. */
function block(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

/** Removes the indentation every line shares. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(
    ...lines
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => /^ */.exec(line)![0].length),
  );
  return lines.map((line, i) => (i === 0 ? line : line.slice(indent))).join('\n');
}

export interface StepExcerpt {
  /** The code, as written in the file. */
  code: string;
  /** Where it lives, relative to src/core. */
  file: string;
}

/** The `step` method of an optimizer definition, or the function its one-line step calls. */
export function extractStep(
  source: string,
  file: string,
  others: Readonly<Record<string, string>> = {},
): StepExcerpt | null {
  const method = /^( *)step\(params[^)]*\)[^{]*\{/m.exec(source);
  if (method) {
    const start = method.index + method[1].length;
    const open = method.index + method[0].length - 1;
    return { code: dedent(source.slice(start, open) + block(source, open)), file };
  }
  const delegate = /step: \(params, ctx\) => (\w+)\(/.exec(source);
  if (!delegate) return null;
  const name = delegate[1];
  for (const [where, text] of [[file, source], ...Object.entries(others)]) {
    const found = new RegExp(`^export function ${name}\\(`, 'm').exec(text);
    if (!found) continue;
    const open = text.indexOf('{', text.indexOf(')', found.index));
    return { code: text.slice(found.index, open) + block(text, open), file: where };
  }
  return null;
}

/** Loads the optimizer's source (and, for a delegating step, its neighbours) and cuts the step. */
export async function loadStepExcerpt(optimizer: string): Promise<StepExcerpt | null> {
  const file = SOURCE_FILES[optimizer];
  if (!file) return null;
  const load = FILES[`../../core/${file}`];
  if (!load) return null;
  const source = await load();
  const others: Record<string, string> = {};
  if (!/^ *step\(params/m.test(source)) {
    // A delegating step calls a function it imports from a sibling file.
    for (const [, sibling] of source.matchAll(/from '\.\/(\w+)\.ts'/g)) {
      const path = `${OPTIMIZERS_DIR}${sibling}.ts`;
      if (FILES[path]) others[`optimizers/${sibling}.ts`] = await FILES[path]();
    }
  }
  return extractStep(source, file, others);
}
