/**
 * The lab experiment in one URL value, short because only what differs from the defaults is written:
 *
 *   lab=sweep!o_sgd.adam!lr_0.001~1~13!n_50!t_300!b_g
 *
 * | key  | value                                      | key   | value                                |
 * |------|--------------------------------------------|-------|--------------------------------------|
 * | (1st)| kind: sweep, heatmap, basins               | a     | heatmap: values of the second axis   |
 * | o    | preset ids, joined by `.`                  | n     | starts (basins: the grid's side)     |
 * | lr   | lrMin~lrMax~lrCount                        | t     | steps (the budget)                   |
 * | b    | `g`: budget in gradient evaluations        | tol   | loss tolerance                       |
 * | lrs  | basins: one lr per optimizer, joined by `~`|       |                                      |
 *
 * Decoding builds a plain object for `checkLab`, which judges every value.
 */
import { readWrittenNumber } from '../scene/writtenNumber.ts';
import { defaultLabSpec, presetLr, type LabSpec } from './spec.ts';

export function encodeLab(spec: LabSpec): string {
  const defaults = defaultLabSpec();
  const parts: string[] = [spec.kind];
  if (spec.optimizers.join('.') !== defaults.optimizers.join('.'))
    parts.push(`o_${spec.optimizers.join('.')}`);
  if (
    spec.lrMin !== defaults.lrMin ||
    spec.lrMax !== defaults.lrMax ||
    spec.lrCount !== defaults.lrCount
  )
    parts.push(`lr_${spec.lrMin}~${spec.lrMax}~${spec.lrCount}`);
  if (spec.axisCount !== defaults.axisCount) parts.push(`a_${spec.axisCount}`);
  if (spec.starts !== defaults.starts) parts.push(`n_${spec.starts}`);
  if (spec.steps !== defaults.steps) parts.push(`t_${spec.steps}`);
  if (spec.budget !== defaults.budget) parts.push('b_g');
  if (spec.tol !== defaults.tol) parts.push(`tol_${spec.tol}`);
  if (spec.lrs.some((lr, i) => lr !== presetLr(spec.optimizers[i])))
    parts.push(`lrs_${spec.lrs.join('~')}`);
  return parts.join('!');
}

export function decodeLab(text: string): Record<string, unknown> {
  const [kind, ...options] = text.split('!');
  const input: Record<string, unknown> = { kind };
  for (const option of options) {
    const cut = option.indexOf('_');
    const key = cut < 0 ? option : option.slice(0, cut);
    const value = cut < 0 ? '' : option.slice(cut + 1);
    if (key === 'o') input.optimizers = value.split('.');
    else if (key === 'lr') {
      const [lrMin, lrMax, lrCount] = value.split('~').map(readWrittenNumber);
      Object.assign(input, { lrMin, lrMax, lrCount });
    } else if (key === 'a') input.axisCount = readWrittenNumber(value);
    else if (key === 'n') input.starts = readWrittenNumber(value);
    else if (key === 't') input.steps = readWrittenNumber(value);
    else if (key === 'b') input.budget = value === 'g' ? 'gradients' : value;
    else if (key === 'tol') input.tol = readWrittenNumber(value);
    else if (key === 'lrs') input.lrs = value.split('~').map(readWrittenNumber);
  }
  return input;
}
