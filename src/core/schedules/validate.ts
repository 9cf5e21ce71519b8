/**
 * A schedule from an untrusted source (a scene file, a URL, the CLI) to a checked `ScheduleConfig`
 * with every argument filled in, and from that to live schedulers. Every message names its field:
 * `schedule.params.T_0: Expected positive integer T_0, but got 0`.
 */
import { checkValue } from '../optimizers/params.ts';
import type { OptimizerDefinition, ParamSpec } from '../optimizers/types.ts';
import { isRecord, ownField, show } from '../scene/checks.ts';
import type { LRScheduler } from './base.ts';
import { findSchedule, isContainer, SCHEDULES, type ScheduleDefinition } from './registry.ts';
import type {
  ParamGroup,
  ScheduleConfig,
  ScheduleParamSpec,
  ScheduleParamValue,
  Scheduler,
} from './types.ts';

export type ResolvedSchedule =
  { ok: true; schedule: ScheduleConfig } | { ok: false; errors: string[] };

/** Null when `value` fits `spec`, otherwise the message (torch's where torch has one). */
function checkArgument(spec: ScheduleParamSpec, value: unknown): string | null {
  if (spec.kind === 'integers') {
    const fits =
      Array.isArray(value) &&
      value.every((v) => checkValue({ ...spec, kind: 'number' } as ParamSpec, v) === null);
    const range = spec.min !== undefined ? ` ≥ ${spec.min}` : '';
    return fits ? null : `expected a list of integers${range} (got ${show(value)})`;
  }
  const problem = checkValue(spec as ParamSpec, value);
  if (problem === null) return null;
  return spec.torchMessage ? spec.torchMessage.replace('{}', show(value)) : problem;
}

function resolveMembers(
  value: unknown,
  optimizer: OptimizerDefinition,
  path: string,
  errors: string[],
): ScheduleConfig[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${path}: expected a non-empty list of schedules (got ${show(value)})`);
    return null;
  }
  const members: ScheduleConfig[] = [];
  for (let i = 0; i < value.length; i++) {
    const member = resolveSchedule(value[i], optimizer, `${path}[${i}]`, true);
    if (member.ok) members.push(member.schedule);
    else errors.push(...member.errors);
  }
  return members.length === value.length ? members : null;
}

/**
 * A request's optional `schedule` field (the trajectory and network CLIs): absent is no schedule,
 * anything else is checked by resolveSchedule, whose first error is the request's one line.
 */
export function requestSchedule(
  input: unknown,
  optimizer: OptimizerDefinition,
): { ok: true; schedule?: ScheduleConfig } | { ok: false; error: string } {
  if (input === undefined) return { ok: true };
  const checked = resolveSchedule(input, optimizer);
  return checked.ok
    ? { ok: true, schedule: checked.schedule }
    : { ok: false, error: checked.errors[0] };
}

/**
 * Checks a schedule for `optimizer` and fills in torch's defaults. `member`: it sits inside
 * SequentialLR or ChainedScheduler, which take neither each other nor ReduceLROnPlateau (torch
 * would call its step() without the loss).
 */
export function resolveSchedule(
  input: unknown,
  optimizer: OptimizerDefinition,
  path = 'schedule',
  member = false,
): ResolvedSchedule {
  const known = SCHEDULES.map((def) => def.name).join(', ');
  if (!isRecord(input) || typeof input.name !== 'string') {
    return {
      ok: false,
      errors: [
        `${path}: expected {"name": "<torch scheduler>", "params": {…}} (got ${show(input)})`,
      ],
    };
  }
  const extra = Object.keys(input).find((key) => key !== 'name' && key !== 'params');
  if (extra !== undefined) {
    return { ok: false, errors: [`${path}.${extra}: unknown field (known: name, params)`] };
  }
  const def = findSchedule(input.name);
  if (!def) {
    return {
      ok: false,
      errors: [`${path}.name: unknown scheduler ${show(input.name)} (known: ${known})`],
    };
  }
  if (member && (isContainer(def) || def.name === 'ReduceLROnPlateau')) {
    return {
      ok: false,
      errors: [`${path}.name: ${def.name} cannot be one of the schedulers of another`],
    };
  }
  const given = ownField(input, 'params', {});
  if (!isRecord(given)) {
    return {
      ok: false,
      errors: [`${path}.params: expected an object of arguments (got ${show(given)})`],
    };
  }
  const errors: string[] = [];
  const names = def.params.map((spec) => spec.name);
  for (const name of Object.keys(given)) {
    if (!names.includes(name)) {
      errors.push(
        `${path}.params.${name}: unknown argument for ${def.name} (known: ${names.join(', ')})`,
      );
    }
  }
  const args: Record<string, ScheduleParamValue> = {};
  for (const spec of def.params) {
    const where = `${path}.params.${spec.name}`;
    const value = ownField(given, spec.name);
    if (value === undefined) {
      if (spec.required) errors.push(`${where}: required by ${def.name} (it has no default)`);
      else args[spec.name] = spec.default;
      continue;
    }
    if (spec.kind === 'schedules') {
      const members = resolveMembers(value, optimizer, where, errors);
      if (members) args[spec.name] = members;
      continue;
    }
    const problem = checkArgument(spec, value);
    if (problem !== null) errors.push(`${where}: ${problem}`);
    else
      args[spec.name] = Array.isArray(value)
        ? [...(value as number[])]
        : (value as ScheduleParamValue);
  }
  if (errors.length > 0) return { ok: false, errors };
  const issues = def.check?.(args, optimizer) ?? [];
  if (issues.length > 0) {
    return {
      ok: false,
      errors: issues.map(({ param, message }) => `${path}.params.${param}: ${message}`),
    };
  }
  return { ok: true, schedule: { name: def.name, params: args } };
}

function definitionOf(config: ScheduleConfig): ScheduleDefinition {
  const def = findSchedule(config.name);
  if (!def) throw new Error(`unknown scheduler ${config.name}`);
  return def;
}

/** The members of SequentialLR or ChainedScheduler, or none. */
export function scheduleMembers(config: ScheduleConfig): readonly ScheduleConfig[] {
  return (config.params.schedulers as ScheduleConfig[] | undefined) ?? [];
}

/**
 * Builds a resolved schedule on `group`, members first (each takes its initial step, as the
 * Python objects handed to SequentialLR or ChainedScheduler did), and takes torch's initial step:
 * afterwards the group holds what step 0 uses.
 */
export function createSchedule(config: ScheduleConfig, group: ParamGroup): Scheduler {
  const members = scheduleMembers(config).map(
    (member) => createSchedule(member, group) as LRScheduler,
  );
  return definitionOf(config).create(group, config.params, members);
}

/** Whether the schedule cycles momentum (or β₁): CyclicLR or OneCycleLR with cycle_momentum. */
export function cyclesMomentum(config: ScheduleConfig): boolean {
  const own =
    (config.name === 'CyclicLR' || config.name === 'OneCycleLR') &&
    config.params.cycle_momentum === true;
  return own || scheduleMembers(config).some(cyclesMomentum);
}
