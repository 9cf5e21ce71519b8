/**
 * `npx tsx bench/communication.ts`: what compressing the workers' messages saves in distributed
 * SGD, printed as a table (never a pass/fail test; src/core/distributed/measure.test.ts checks the
 * headline numbers). Four workers, minibatches of 10 from their shards, 500 steps from each dataset
 * surface's default start, three minibatch seeds.
 */
import { sampledGradients } from '../src/core/data/sampledGradients.ts';
import { measureCommunication } from '../src/core/distributed/measure.ts';

await sampledGradients.load();

const EXPERIMENTS = [
  { surface: 'linear_regression', lr: 0.05, settings: [1, 2, 5] },
  { surface: 'logistic_regression', lr: 1, settings: [0.5, 1] },
];

const percent = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`;

for (const { surface, lr, settings } of EXPERIMENTS) {
  console.log(`\n${surface}: lr ${lr}, 4 workers, batch 10, 500 steps`);
  console.log(
    'seed  mode              values   bytes  fewer values  fewer bytes  final loss  vs dense  above min',
  );
  for (const seed of [1, 2, 3]) {
    const rows = measureCommunication({
      surface,
      lr,
      workers: 4,
      batchSize: 10,
      steps: 500,
      seed,
      settings: [...settings.map((threshold) => ({ threshold })), { top_k: 1 }],
    });
    for (const row of rows) {
      console.log(
        [
          String(seed).padEnd(4),
          row.mode.padEnd(16),
          String(row.valuesSent).padStart(6),
          String(row.bytesSent).padStart(6),
          `${row.fewerValues.toFixed(1)}×`.padStart(12),
          `${row.fewerBytes.toFixed(1)}×`.padStart(11),
          row.finalLoss.toFixed(5).padStart(10),
          percent(row.lossChange).padStart(8),
          row.excessLoss.toExponential(1).padStart(9),
        ].join('  '),
      );
    }
  }
}
