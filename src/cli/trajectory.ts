/**
 * `npm run -s trajectory -- FILE` (FILE = `-` for stdin): runs one optimizer as described by a JSON
 * request and prints {"trajectory", "loss", "diverged_at"}. Invalid input: exit 2, one line on stderr
 * (short, control characters escaped, long values elided), never a stack trace.
 */
import { sampledGradients } from '../core/data/sampledGradients.ts';
import { runCommand } from './runCommand.ts';

const USAGE = 'usage: npm run -s trajectory -- FILE   (FILE = - reads standard input)';

// A DistributedSGD run's cluster is an on-demand part of the core: load it before any run.
await sampledGradients.load();
process.exitCode = runCommand(process.argv.slice(2), USAGE);
