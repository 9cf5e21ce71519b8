/**
 * `npm run -s network -- FILE` (FILE = `-` for stdin): trains a small network or samples its loss
 * landscape, as described in src/core/nn/request.ts, and prints the answer as one JSON line.
 * Invalid input: exit 2, one line on stderr naming the field, never a stack trace.
 */
import { computeNetworkRequest } from '../core/nn/request.ts';
import { runCommand } from './runCommand.ts';

const USAGE = 'usage: npm run -s network -- FILE   (FILE = - reads standard input)';

process.exitCode = runCommand(process.argv.slice(2), USAGE, computeNetworkRequest);
