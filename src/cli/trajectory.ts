/**
 * `npm run -s trajectory -- FILE` (FILE = `-` for stdin): runs one optimizer as described by a JSON
 * request and prints {"trajectory", "loss", "diverged_at"}. Invalid input: exit 2, one line on stderr
 * (short, control characters escaped, long values elided), never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { sampledGradients } from '../core/data/sampledGradients.ts';
import { shortLine, show } from '../core/scene/show.ts';
import { respond } from './respond.ts';

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
    // The code (ENOENT, EISDIR) says why; Node's message would repeat the whole path.
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    process.stderr.write(`input: cannot read ${show(args[0])}: ${shortLine(why, 60)}\n`);
    return 2;
  }
  const response = respond(text);
  if (response.code === 0) process.stdout.write(response.stdout);
  else process.stderr.write(response.stderr);
  return response.code;
}

// A DistributedSGD run's cluster is an on-demand part of the core: load it before any run.
await sampledGradients.load();
process.exitCode = main(process.argv.slice(2));
