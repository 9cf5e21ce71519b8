/**
 * A run's schedule in the link, as more `!name_value` options of the run (format version 2):
 *
 *   adam!lr_0.05!sched_SequentialLR!sched.milestones_25
 *       !sched.0_LinearLR!sched.0.start_factor_0.01!sched.0.total_iters_25
 *       !sched.1_CosineAnnealingLR!sched.1.T_max_225
 *
 * `sched` names the class, `sched.<arg>` holds an argument (only those torch requires or that
 * differ from its defaults), `sched.<k>` is member k of SequentialLR or ChainedScheduler. Lists are
 * a~b~c, flags 1/0, None `none`. Decoding builds a plain object for `resolveSchedule` to judge.
 */
import { findSchedule } from '../schedules/registry.ts';
import type { ScheduleConfig, ScheduleParamSpec, ScheduleParamValue } from '../schedules/types.ts';

export const SCHEDULE_OPTION = 'sched';

/** Characters a value may hold in a run option: ! and , separate options and runs. */
function escapeText(text: string): string {
  return encodeURIComponent(text).replace(/!/g, '%21');
}

function encodeArgument(value: ScheduleParamValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === null) return 'none';
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.join('~');
  return String(value);
}

function sameArgument(a: ScheduleParamValue, b: ScheduleParamValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The options (without their leading "!") that write `config` under `prefix`. */
export function encodeSchedule(config: ScheduleConfig, prefix = SCHEDULE_OPTION): string[] {
  const def = findSchedule(config.name);
  if (!def) return [];
  const options = [`${prefix}_${def.name}`];
  for (const spec of def.params) {
    const value = config.params[spec.name];
    if (spec.kind === 'schedules') {
      (value as ScheduleConfig[]).forEach((member, i) =>
        options.push(...encodeSchedule(member, `${prefix}.${i}`)),
      );
    } else if (spec.required || !sameArgument(value, spec.default)) {
      options.push(`${prefix}.${spec.name}_${encodeArgument(value)}`);
    }
  }
  return options;
}

/** "1.5" → 1.5; anything else stays text, so validation can say what it was. */
function numberOrText(text: string): number | string {
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? text : value;
}

/** decodeURIComponent that keeps a broken escape as it is (validation will judge the text). */
function decodeText(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function decodeArgument(spec: ScheduleParamSpec | undefined, raw: string): unknown {
  const text = decodeText(raw);
  if (spec?.kind === 'integers') return text === '' ? [] : text.split('~').map(numberOrText);
  if (spec?.kind === 'boolean' && (text === '1' || text === '0')) return text === '1';
  if (text === 'none' && (spec?.nullable || spec?.choices?.includes(null))) return null;
  if (spec?.kind === 'choice') return text;
  return numberOrText(text);
}

/** The longest of `names` that `text` starts with followed by "_" (names hold "_" themselves). */
export function optionName(text: string, names: readonly string[]): string | null {
  let best: string | null = null;
  for (const name of names) {
    if ((text === name || text.startsWith(`${name}_`)) && name.length > (best?.length ?? -1)) {
      best = name;
    }
  }
  return best;
}

interface Node {
  name?: string;
  params: Record<string, unknown>;
}

const NAME_OPTION = /^sched((?:\.\d+)*)_([\s\S]*)$/;
const ARGUMENT_OPTION = /^sched((?:\.\d+)*)\.([A-Za-z][\s\S]*)$/;

/** A schedule from the `sched…` options of one run, for `resolveSchedule`; undefined if none. */
export function decodeSchedule(options: readonly string[]): unknown {
  const nodes = new Map<string, Node>();
  const node = (path: string): Node => {
    let found = nodes.get(path);
    if (!found) {
      found = { params: {} };
      nodes.set(path, found);
      const cut = path.lastIndexOf('.');
      if (cut >= 0) {
        const parent = node(path.slice(0, cut));
        const members = (parent.params.schedulers ??= []) as unknown[];
        members[Number(path.slice(cut + 1))] = found;
      }
    }
    return found;
  };
  // Names first: an argument's name is only known once its scheduler's is.
  for (const option of options) {
    const match = NAME_OPTION.exec(option);
    if (match) node(match[1]).name = decodeText(match[2]);
  }
  for (const option of options) {
    const match = ARGUMENT_OPTION.exec(option);
    if (!match) continue;
    const target = node(match[1]);
    const specs = findSchedule(target.name ?? '')?.params ?? [];
    const rest = match[2];
    const name =
      optionName(
        rest,
        specs.map((spec) => spec.name),
      ) ?? rest.split('_')[0];
    const spec = specs.find((candidate) => candidate.name === name);
    target.params[name] = decodeArgument(spec, rest.slice(name.length + 1));
  }
  return nodes.get('');
}
