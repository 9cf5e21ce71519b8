import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeNetworkRequest } from '../core/nn/request.ts';
import { respond } from './respond.ts';

interface NetworkCase {
  id: string;
  kind: 'train' | 'landscape';
  network: Record<string, unknown>;
  optimizer?: string;
  loss: number[] | number[][];
  parameters: number[];
  diverged_at?: number | null;
  [field: string]: unknown;
}

const FILE = new URL('../../test-data/torch-reference/public-networks.json', import.meta.url);
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as NetworkCase[];
const TOLERANCE = 1e-9;

/** The request a case describes: its inputs, without the answers. */
function requestOf(c: NetworkCase): Record<string, unknown> {
  const {
    id,
    kind,
    loss,
    parameters,
    sensitivity_1ulp,
    directions_normalized,
    diverged_at,
    ...inputs
  } = c;
  void [id, loss, sensitivity_1ulp, directions_normalized, diverged_at];
  return kind === 'train' ? inputs : { ...inputs, parameters };
}

function answer(request: unknown): Record<string, unknown> {
  const response = respond(JSON.stringify(request), computeNetworkRequest);
  if (response.code !== 0) throw new Error(response.stderr);
  return JSON.parse(response.stdout) as Record<string, unknown>;
}

/** The largest |a − b| / max(1, |b|) over two equally shaped arrays (Infinity if shapes differ). */
function worstError(actual: unknown, expected: unknown): number {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return Infinity;
    return Math.max(0, ...expected.map((e, i) => worstError(actual[i], e)));
  }
  const [a, b] = [actual as number, expected as number];
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

describe('public-networks.json (torch 1.13) through the network CLI code path', () => {
  for (const c of CASES) {
    const what =
      c.kind === 'train' ? `${c.optimizer} training` : `${String(c.normalize)} landscape`;
    it(`${what} (${c.id}) matches torch to 1e-9`, () => {
      const output = answer(requestOf(c));
      expect(worstError(output.loss, c.loss)).toBeLessThanOrEqual(TOLERANCE);
      if (c.kind === 'train') {
        expect(worstError(output.parameters, c.parameters)).toBeLessThanOrEqual(TOLERANCE);
        expect(output.diverged_at).toBe(c.diverged_at);
      }
    });
  }
});

describe('network CLI refusals', () => {
  const train = requestOf(CASES[0]);
  const refusal = (request: unknown) => {
    const response = respond(JSON.stringify(request), computeNetworkRequest);
    expect(response.code).toBe(2);
    const line = response.code === 2 ? response.stderr : '';
    expect(line.split('\n')).toHaveLength(2);
    return line;
  };
  const network = train.network as Record<string, unknown>;

  it('names the field that is wrong, in one line', () => {
    expect(refusal({ ...train, steps: -1 })).toMatch(/^steps: /);
    expect(refusal({ ...train, optimizer: 'Adum' })).toMatch(/^optimizer: unknown optimizer/);
    expect(refusal({ ...train, params: { lr: -1 } })).toMatch(/lr/);
    expect(refusal({ ...train, network: { ...network, layers: [3, 4, 1] } })).toMatch(
      /^network\.layers: /,
    );
    expect(refusal({ ...train, network: { ...network, activation: 'gelu' } })).toMatch(
      /^network\.activation: /,
    );
    expect(refusal({ ...train, network: { ...network, init: [1, 2] } })).toMatch(
      /^network\.init: expected 33 finite numbers/,
    );
    expect(refusal({ ...train, network: { ...network, loss: 'cross_entropy' } })).toMatch(
      /^network\.layers: cross_entropy needs at least 2 outputs/,
    );
    expect(refusal({ ...train, colour: 'red' })).toMatch(/^colour: unknown field/);
  });

  it('refuses landscape requests with a bad direction or span', () => {
    const landscape = requestOf(CASES.find((c) => c.kind === 'landscape')!);
    expect(refusal({ ...landscape, directions: [[1, 2]] })).toMatch(/^directions: /);
    expect(refusal({ ...landscape, normalize: 'layer' })).toMatch(/^normalize: /);
    expect(refusal({ ...landscape, alpha: [0, 1, 0] })).toMatch(/^alpha: /);
  });

  it('refuses Newton beyond its parameter limit and DistributedSGD', () => {
    const wide = CASES.find((c) => (c.network.layers as number[]).length === 4)!;
    expect(refusal({ ...requestOf(wide), optimizer: 'Newton', params: {} })).toMatch(
      /^optimizer: Newton needs the \d+×\d+ Hessian: only up to 64 parameters/,
    );
    expect(refusal({ ...train, optimizer: 'DistributedSGD', params: {} })).toMatch(/^optimizer: /);
  });
});
