/**
 * The update-anatomy panel's words and numbers, as plain strings keyed by slot (see writeSlots).
 * Rows: `<row>Label`, `<row>X`, `<row>Y`; a row shows when its label is not empty.
 */
import type { AnatomyKind, AnatomyPartRole } from '../../core/anatomy.ts';
import type { Point } from '../../core/geometry.ts';
import type { RunAnatomy } from '../../render/inspectorLayer.ts';
import { formatNumber } from '../format.ts';
import { cell } from './curvatureText.ts';

/** The table's rows, top to bottom. */
export const ANATOMY_ROWS = [
  'gradient',
  'rate',
  'plain',
  'gradientPart',
  'momentumPart',
  'decayPart',
  'update',
  'mean',
  'rms',
] as const;
export type AnatomyRow = (typeof ANATOMY_ROWS)[number];

/** The update rule, written so each part of the table is one term of it. */
const FORMULAS: Record<AnatomyKind, string> = {
  sgd: 'step = −lr·g: one learning rate for x and y.',
  momentum: 'step = −lr·((1−τ)·g + μ·b), b the velocity so far.',
  nesterov: 'step = −lr·(g + μ·b), with b = μ·b + g already updated.',
  adagrad: 'step = −rate·g, rate = lr / (√s + ε), s the sum of all g².',
  rmsprop: 'step = −rate·g, rate = lr / (√v + ε), v the running average of g².',
  'rmsprop-momentum': 'step = −rate·g − lr·μ·b, rate = lr / (√v + ε).',
  adam: 'step = −rate·((1−β₁)·g + β₁·m), rate = (lr/bc₁) / (√v̂/√bc₂ + ε).',
  whole: '',
};

type PartLabels = Partial<Record<AnatomyPartRole, string>>;

/** What each part is, per kind; kinds with a single part show only the step itself. */
const PART_LABELS: Record<AnatomyKind, PartLabels> = {
  sgd: {},
  adagrad: {},
  rmsprop: {},
  whole: {},
  momentum: { gradient: 'this gradient', momentum: 'velocity kept' },
  nesterov: { gradient: 'this gradient', momentum: 'look-ahead' },
  'rmsprop-momentum': { gradient: 'this gradient', momentum: 'velocity kept' },
  adam: { gradient: 'this gradient', momentum: 'remembered mean', decay: 'weight decay' },
};

const ROW_OF_ROLE: Record<AnatomyPartRole, AnatomyRow | null> = {
  gradient: 'gradientPart',
  momentum: 'momentumPart',
  decay: 'decayPart',
  whole: null,
};

function row(texts: Record<string, string>, name: AnatomyRow, label: string, [x, y]: Point): void {
  texts[`${name}Label`] = label;
  texts[`${name}X`] = cell(x);
  texts[`${name}Y`] = cell(y);
}

/** How the two per-coordinate rates compare, in a sentence. */
function rateNote(kind: AnatomyKind, [rx, ry]: Point): string {
  if (kind === 'sgd' || kind === 'momentum' || kind === 'nesterov')
    return 'One learning rate for x and y alike: steep directions get big steps, flat ones small.';
  const ratio = Math.max(rx, ry) / Math.min(rx, ry);
  if (!Number.isFinite(ratio) || ratio < 1.05)
    return 'x and y get about the same learning rate here.';
  const [larger, smaller] = rx > ry ? ['x', 'y'] : ['y', 'x'];
  return `${larger} gets a ${formatNumber(Number(ratio.toPrecision(3)))}× larger learning rate than ${smaller}: each direction its own step size.`;
}

/** Slot texts for the anatomy panel. */
export function anatomyText({ label, optimizer, result }: RunAnatomy): Record<string, string> {
  if (!result.ok) {
    return {
      title: `${label}: step ${result.step}`,
      status: `Diverged at step ${result.divergedAt}: there is no finite step to take apart.`,
    };
  }
  const { kind, step, position, parts } = result;
  const texts: Record<string, string> = {
    title: `${label}: step ${step} → ${step + 1}`,
    where: `From (${cell(position[0])}, ${cell(position[1])}), the run's first particle.`,
    table: 'yes',
  };
  row(texts, 'gradient', 'gradient g', result.gradient);
  if (result.rates) row(texts, 'rate', 'learning rate', result.rates);
  row(texts, 'plain', 'plain step −lr·g', result.plainStep);
  for (const part of parts) {
    const name = ROW_OF_ROLE[part.role];
    const partLabel = PART_LABELS[kind][part.role];
    if (name && partLabel) row(texts, name, partLabel, part.vector);
  }
  row(texts, 'update', 'step taken', result.update);
  if (result.moments) {
    row(texts, 'mean', 'mean g, m̂', result.moments.mean);
    row(texts, 'rms', 'RMS g, √v̂/√bc₂', result.moments.rms);
  }
  texts.formula = FORMULAS[kind];
  texts.note = result.rates
    ? rateNote(kind, result.rates)
    : `${optimizer}'s update is shown whole: the step taken beside the plain gradient step −lr·g.`;
  return texts;
}
