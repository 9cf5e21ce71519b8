/**
 * Names and ids runs can be told apart by: a second SGD is "SGD 2", a copy of "SGD 2" is "SGD 3". Legends,
 * cards and the race summary all read a run by its label, so two runs never share one when the app
 * adds them.
 */
import { LIMITS } from './scene.ts';

/** `label`, or `label N` with the smallest N ≥ 2 that no run in `taken` has. */
export function uniqueLabel(label: string, taken: readonly { label: string }[]): string {
  const used = new Set(taken.map((run) => run.label));
  if (!used.has(label)) return label;
  // A copy of "SGD 2" is named from "SGD", not "SGD 2 2".
  const base = label.replace(/ \d+$/, '');
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = base.slice(0, LIMITS.labelLength - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

/** An id no run in `runs` has: r<n> from one past their count, as scenes number runs. */
export function freeRunId(runs: readonly { id: string }[]): string {
  const used = new Set(runs.map((run) => run.id));
  let i = runs.length + 1;
  while (used.has(`r${i}`)) i++;
  return `r${i}`;
}
