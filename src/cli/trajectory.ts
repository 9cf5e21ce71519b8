/**
 * `npm run -s trajectory -- FILE` (FILE = `-` for stdin): runs one optimizer as described by a JSON
 * request and prints {"trajectory", "loss", "diverged_at"}. Invalid input: exit 2, one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { sampledGradients } from '../core/data/sampledGradients.ts';
import { computeTrajectory } from '../core/trajectory.ts';

const USAGE = 'usage: npm run -s trajectory -- FILE   (FILE = - reads standard input)';

function main(args: string[]): number {
  if (args.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args[0] === '-' ? 0 : args[0], 'utf8');
  } catch (error) {
    process.stderr.write(`input: cannot read ${args[0]}: ${(error as Error).message}\n`);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`input: not valid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const result = computeTrajectory(input);
  if (!result.ok) {
    process.stderr.write(`${result.error}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(result.output)}\n`);
  return 0;
}

// A DistributedSGD run's cluster is an on-demand part of the core: load it before any run.
await sampledGradients.load();
process.exitCode = main(process.argv.slice(2));
