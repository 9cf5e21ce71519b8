import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampledGradients } from '../core/data/sampledGradients.ts';
import { respond } from './respond.ts';

beforeAll(() => sampledGradients.load());

const VALID = {
  surface: 'rosenbrock',
  optimizer: 'Adam',
  params: { lr: 0.02 },
  start: [-1.5, 2],
  steps: 3,
  noise: { sigma: 0, seed: 0 },
};

/** The error line of a request that must be refused; fails the test if it was not. */
function refusal(text: string): string {
  const response = respond(text);
  expect(response.code).toBe(2);
  return response.code === 2 ? response.stderr : '';
}

/** One line (a single trailing newline, no other line break or control character), ≤ 200 chars. */
function expectOneShortLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  // eslint-disable-next-line no-control-regex
  expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(line.length).toBeLessThanOrEqual(200);
}

const json = (value: unknown) => JSON.stringify(value);

/** `text` with `entry` spliced in after `after` (a function replacement: `$&` in a key stays). */
const splice = (text: string, after: string, entry: string) =>
  text.replace(after, () => `${after}${entry}`);

/** Step counts a property test may run: the budget allows 1,000,000, which is slow to print. */
const notHuge = (request: Record<string, unknown>) =>
  !(typeof request.steps === 'number' && request.steps > 1000);

describe('the trajectory command on bad requests', () => {
  it.each([
    [
      'null params',
      { params: null },
      /^params: expected an object of hyperparameters \(got null\)/,
    ],
    [
      'a null noise level',
      { noise: { sigma: null } },
      /^noise\.sigma: expected a number ≥ 0 \(got null\)/,
    ],
    [
      'a null seed',
      { noise: { seed: null } },
      /^noise\.seed: expected a whole number \(got null\)/,
    ],
    ['a null start', { start: null }, /^start: expected two finite numbers \[x, y\] \(got null\)/],
    ['a null step count', { steps: null }, /^steps: expected a whole number ≥ 0 \(got null\)/],
    [
      'an inherited name as the optimizer',
      { optimizer: 'constructor' },
      /^optimizer: unknown optimizer "constructor"/,
    ],
    [
      'an inherited name as the surface',
      { surface: 'toString' },
      /^surface: unknown surface "toString"/,
    ],
  ])('%s', (_what, change, message) => {
    const line = refusal(json({ ...VALID, ...change }));
    expect(line).toMatch(message);
    expectOneShortLine(line);
  });

  it('says a number too large for a double is not finite, instead of "null"', () => {
    const line = refusal(json(VALID).replace('"sigma":0', '"sigma":1e999'));
    expect(line).toBe('noise.sigma: expected a number ≥ 0 (got Infinity (not finite))\n');
    expect(refusal(json(VALID).replace('"steps":3', '"steps":-1e999'))).toMatch(
      /^steps: .*\(got -Infinity \(not finite\)\)/,
    );
  });

  // Spliced into the text: in an object literal, __proto__ would set the prototype instead.
  it('a __proto__ key is an unknown name, not a prototype: at the top and in params', () => {
    expect(refusal(splice(json(VALID), '{', '"__proto__":{"lr":5},'))).toBe(
      '__proto__: unknown field (known: surface, optimizer, params, start, steps, noise, schedule)\n',
    );
    expect(refusal(splice(json(VALID), '"params":{', '"__proto__":{"lr":5},'))).toMatch(
      /^params\.__proto__: unknown hyperparameter for Adam \(known: lr, /,
    );
  });

  it('echoes a 10,000-character name elided, with its newlines escaped, on one line', () => {
    const name = `a\nb${'A'.repeat(10_000)}`;
    const line = refusal(json({ ...VALID, optimizer: name }));
    expect(line).toMatch(
      /^optimizer: unknown optimizer "a\\nbA+"… \(10,003 characters\) \(known: SGD, /,
    );
    expectOneShortLine(line);
    const key = refusal(json({ ...VALID, params: { [name]: 1 } }));
    expect(key).toMatch(/^params\["a\\nbA+"… \(10,003 characters\)\]: unknown hyperparameter/);
    expectOneShortLine(key);
  });

  it('suggests the surface meant and keeps the list of known ones to the line', () => {
    const line = refusal(json({ ...VALID, surface: 'rosenbrok' }));
    expect(line).toMatch(
      /^surface: unknown surface "rosenbrok"; did you mean "rosenbrock"\? \(known: quadratic, .*\(19 in all\)\)\n$/,
    );
    expectOneShortLine(line);
  });

  it('survives JSON nested 100,000 deep in any field', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    for (const field of ['surface', 'optimizer', 'params', 'start', 'steps', 'noise']) {
      const text = json(VALID).replace(`"${field}":`, `"${field}":${deep(100_000)},"x${field}":`);
      expectOneShortLine(refusal(text));
    }
    expectOneShortLine(refusal(json(VALID).replace('"lr":0.02', `"lr":${deep(100_000)}`)));
    expectOneShortLine(refusal(deep(100_000)));
  });

  it('reports text that is not JSON on one line, whatever the text holds', () => {
    const line = refusal('[1,\n2\n,]');
    expect(line).toMatch(/^input: not valid JSON: /);
    expectOneShortLine(line);
  });
});

describe('the trajectory command, property-tested', () => {
  const answersWithOneShortLine = (text: string) => {
    const response = respond(text);
    if (response.code === 2) expectOneShortLine(response.stderr);
    else expect(JSON.parse(response.stdout)).toHaveProperty('trajectory');
  };

  it('answers any JSON value with output or exit 2 and one short line, never a throw', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => answersWithOneShortLine(json(value))));
  });

  it('answers any text with output or exit 2 and one short line', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), answersWithOneShortLine));
  });

  it('refuses a valid request with any one field replaced by null, naming the field', () => {
    for (const field of ['surface', 'optimizer', 'params', 'start', 'steps', 'noise']) {
      const line = refusal(json({ ...VALID, [field]: null }));
      expect(line.startsWith(`${field}: `)).toBe(true);
      expectOneShortLine(line);
    }
  });

  it('answers a valid request with any one field replaced by any JSON value', () => {
    const field = fc.constantFrom('surface', 'optimizer', 'params', 'start', 'steps', 'noise');
    fc.assert(
      fc.property(field, fc.jsonValue(), (name, value) => {
        const request = { ...VALID, [name]: value };
        fc.pre(notHuge(request));
        const response = respond(json(request));
        if (response.code === 0) return;
        expect(response.stderr.startsWith(name)).toBe(true);
        expectOneShortLine(response.stderr);
      }),
    );
  });

  it('refuses any extra key, inherited names included, as an unknown field', () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
      fc.string({ unit: 'binary' }),
    );
    const where = fc.constantFrom('top', 'params', 'noise');
    fc.assert(
      fc.property(key, fc.jsonValue(), where, (name, value, at) => {
        const known =
          at === 'top'
            ? Object.keys(VALID)
            : at === 'noise'
              ? ['sigma', 'seed']
              : [
                  'lr',
                  'betas',
                  'eps',
                  'weight_decay',
                  'amsgrad',
                  'decoupled_weight_decay',
                  'maximize',
                ];
        fc.pre(!known.includes(name));
        const entry = `${JSON.stringify(name)}:${json(value)},`;
        const text = splice(json(VALID), at === 'top' ? '{' : `"${at}":{`, entry);
        const line = refusal(text);
        expect(line).toMatch(/unknown (field|hyperparameter)/);
        expectOneShortLine(line);
      }),
    );
  });
});
