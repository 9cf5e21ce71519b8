/**
 * The shell of every JSON command: read FILE (`-` = stdin), answer through `respond`, print the
 * answer or one line on stderr. Returns the exit code (2 for any bad input, never a stack trace).
 */
import { readFileSync } from 'node:fs';
import { shortLine, show } from '../core/scene/show.ts';
import { respond, type Compute } from './respond.ts';

export function runCommand(args: string[], usage: string, compute?: Compute): number {
  if (args.length !== 1) {
    process.stderr.write(`${usage}\n`);
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
  const response = respond(text, compute);
  if (response.code === 0) process.stdout.write(response.stdout);
  else process.stderr.write(response.stderr);
  return response.code;
}
