import { beforeAll, describe, expect, it } from 'vitest';
import { measureCommunication } from './measure.ts';
import { sampledGradients } from '../data/sampledGradients.ts';

beforeAll(() => sampledGradients.load());

/**
 * The headline numbers (bench/communication.ts prints the full table): four workers, minibatches of
 * 10, 500 steps from each dataset surface's default start, for three minibatch seeds each.
 */
describe('communication savings', () => {
  it.each([1, 2, 3])(
    'logistic regression, seed %i: threshold τ=1 sends 30× fewer values than dense, final loss within 2%',
    (seed) => {
      const [dense, threshold, top1] = measureCommunication({
        surface: 'logistic_regression',
        lr: 1,
        workers: 4,
        batchSize: 10,
        steps: 500,
        seed,
        settings: [{ threshold: 1 }, { top_k: 1 }],
      });
      expect(dense.valuesSent).toBe(4000);
      expect(dense.bytesSent).toBe(32_000);
      expect(threshold.fewerValues).toBeGreaterThan(30);
      expect(threshold.fewerBytes).toBeGreaterThan(20);
      expect(Math.abs(threshold.lossChange)).toBeLessThan(0.02);
      expect(top1.fewerValues).toBe(2);
      expect(top1.fewerBytes).toBeCloseTo(4 / 3, 12);
      expect(Math.abs(top1.lossChange)).toBeLessThan(0.02);
    },
  );

  it.each([1, 2, 3])(
    'linear regression, seed %i: threshold τ=2 sends 12× fewer values than dense, final loss within 2%',
    (seed) => {
      const [, threshold] = measureCommunication({
        surface: 'linear_regression',
        lr: 0.05,
        workers: 4,
        batchSize: 10,
        steps: 500,
        seed,
        settings: [{ threshold: 2 }],
      });
      expect(threshold.fewerValues).toBeGreaterThan(12);
      expect(Math.abs(threshold.lossChange)).toBeLessThan(0.02);
    },
  );
});
