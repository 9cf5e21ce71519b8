/**
 * The curvature inspector's words and numbers, as plain strings keyed by slot (see writeSlots):
 * pure, so the wording is tested without a browser and React never re-renders for it.
 */
import {
  STATIONARY_TOLERANCE,
  ZERO_EIGENVALUE_TOLERANCE,
  type CurvatureAnalysis,
  type Verdict,
} from '../../core/curvature.ts';
import type { Point } from '../../core/geometry.ts';
import type { InspectedPoint } from '../../render/inspectorLayer.ts';
import { formatNumber } from '../format.ts';

/** A number for a matrix cell or vector: a dash, never "NaN", where there is no value. */
export function cell(value: number): string {
  return Number.isNaN(value) ? '—' : formatNumber(value);
}

export function vector([x, y]: Point): string {
  return `[${cell(x)}, ${cell(y)}]`;
}

const DIRECTIONS = [
  'right',
  'up and to the right',
  'up',
  'up and to the left',
  'left',
  'down and to the left',
  'down',
  'down and to the right',
];

/** Where a vector points on the plot, in eight words-worth of directions (y up). */
export function directionWords([x, y]: Point, opposite = false): string {
  const sector = Math.round(Math.atan2(y, x) / (Math.PI / 4)) + (opposite ? 4 : 0);
  return DIRECTIONS[((sector % 8) + 8) % 8];
}

const STATIONARY_LABELS: Record<Verdict, string> = {
  minimum: 'Minimum',
  maximum: 'Maximum',
  saddle: 'Saddle point',
  degenerate: 'Degenerate',
};

const SHAPE_LABELS: Record<Verdict, string> = {
  minimum: 'Shaped like a minimum',
  maximum: 'Shaped like a maximum',
  saddle: 'Shaped like a saddle',
  degenerate: 'Degenerate curvature',
};

function verdictText(verdict: Verdict, hessianIsZero: boolean): string {
  switch (verdict) {
    case 'minimum':
      return 'Both eigenvalues are positive: f curves up in every direction.';
    case 'maximum':
      return 'Both eigenvalues are negative: f curves down in every direction.';
    case 'saddle':
      return 'f curves up along v₁ and down along v₂: there is a way down, along v₂.';
    case 'degenerate':
      return hessianIsZero
        ? 'The Hessian is zero: it cannot tell which way is down.'
        : 'An eigenvalue is zero: along its direction the Hessian cannot tell which way is down.';
  }
}

/** The same test for "zero" as the verdict's, so the words and the verdict agree. */
function bend(value: number, largest: number): string {
  if (Math.abs(value) <= ZERO_EIGENVALUE_TOLERANCE * largest) return 'flat';
  return value > 0 ? 'curves up' : 'curves down';
}

/** Slot texts for the curvature panel; slots left out are emptied (and hidden where marked). */
export function curvatureText(
  analysis: CurvatureAnalysis,
  where: InspectedPoint['source'],
): Record<string, string> {
  const { point, value, gradient, gradientNorm, hessian } = analysis;
  const texts: Record<string, string> = {
    where: `${where === 'pointer' ? 'At the pointer' : 'At the start point'} (${cell(point[0])}, ${cell(point[1])})`,
    value: cell(value),
    gradient: Number.isFinite(gradientNorm) ? vector(gradient) : 'not defined here',
    h11: cell(hessian.a),
    h12: cell(hessian.b),
    h21: cell(hessian.b),
    h22: cell(hessian.c),
  };
  const stationary =
    analysis.kind === 'finite' ? analysis.stationary : gradientNorm <= STATIONARY_TOLERANCE;
  texts.gradientNote = stationary
    ? '∇f = 0 here: a stationary point.'
    : Number.isFinite(gradientNorm)
      ? `Not a stationary point: the gradient points ${directionWords(gradient)}, so descent heads ${directionWords(gradient, true)}.`
      : 'The gradient is not defined here.';
  if (analysis.kind !== 'finite') {
    texts.curvatureNote =
      analysis.kind === 'infinite'
        ? 'Curvature is infinite here: the surface comes to a sharp point, so its second derivatives blow up and there are no eigenvalues to show.'
        : 'The second derivatives are not defined here, so there is no curvature to show.';
    return texts;
  }
  const { directions, verdict, conditionNumber } = analysis;
  const largest = Math.max(Math.abs(directions[0].value), Math.abs(directions[1].value));
  directions.forEach((direction, i) => {
    const n = i + 1;
    texts[`l${n}`] = formatNumber(direction.value);
    texts[`v${n}`] = vector(direction.vector);
    texts[`bend${n}`] = bend(direction.value, largest);
    texts[`hv${n}`] =
      `H·${vector(direction.vector)} = ${vector(direction.product)} = ${formatNumber(direction.value)}·${vector(direction.vector)}`;
  });
  texts.finite = 'yes';
  texts.condition =
    conditionNumber === null
      ? 'undefined (H = 0)'
      : conditionNumber === Infinity
        ? '∞ (an eigenvalue is 0)'
        : formatNumber(conditionNumber);
  texts.verdictLabel = (stationary ? STATIONARY_LABELS : SHAPE_LABELS)[verdict];
  texts.verdict = verdictText(verdict, largest === 0);
  return texts;
}
