/**
 * What a command (trajectory by default, or network) answers to the text of a request, without
 * touching the process: the output line and exit code 0, or exit code 2 and one short line for
 * stderr naming what is wrong.
 */
import { shortLine } from '../core/scene/show.ts';
import { computeTrajectory } from '../core/trajectory.ts';

export type Response = { code: 0; stdout: string } | { code: 2; stderr: string };

/** A command's computation: its output, or one line naming the field that is wrong. */
export type Compute = (
  input: unknown,
) => { ok: true; output: unknown } | { ok: false; error: string };

export function respond(text: string, compute: Compute = computeTrajectory): Response {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    // V8's message quotes a snippet of the text, newlines and all.
    return { code: 2, stderr: `input: not valid JSON: ${shortLine((error as Error).message)}\n` };
  }
  const result = compute(input);
  if (!result.ok) return { code: 2, stderr: `${result.error}\n` };
  return { code: 0, stdout: `${JSON.stringify(result.output)}\n` };
}
