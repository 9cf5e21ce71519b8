import { interpolateViridis } from 'd3-scale-chromatic';
import { scaleLinear } from 'd3-scale';
import { useState } from 'react';
import type { SweepResult } from '../../core/lab/score.ts';
import { formatNumber } from '../format.ts';
import { axisName, describeCell, lossGap } from './format.ts';
import { moveFocus, pressKeys } from './roving.ts';

const CELL_W = 13;
const CELL_H = 13;
const LEFT = 44;
const BOTTOM = 30;
const DIVERGED = '#3b3b3b';

/** log10 of each cell's median gap, for one colour scale shared by every panel. */
function colourScale(result: SweepResult) {
  const logs = result.cells
    .filter((cell) => cell.median < Infinity)
    .map((cell) => Math.log10(lossGap(cell.median, result.best)));
  const lo = logs.length > 0 ? Math.min(...logs) : -6;
  const hi = logs.length > 0 ? Math.max(...logs) : 0;
  const t = scaleLinear()
    .domain([lo, Math.max(hi, lo + 1)])
    .range([0, 1])
    .clamp(true);
  // Low loss is bright: the eye goes to where the optimizer works.
  return {
    lo,
    hi,
    colour: (median: number) => interpolateViridis(1 - t(Math.log10(lossGap(median, result.best)))),
  };
}

function Panel({
  result,
  optimizer,
  colour,
  onPick,
}: {
  result: SweepResult;
  optimizer: number;
  colour: (median: number) => string;
  onPick(cell: number): void;
}) {
  const { lrs, axisValues } = result;
  const info = result.optimizers[optimizer];
  const [active, setActive] = useState({ row: 0, col: 0 });
  const width = LEFT + lrs.length * CELL_W + 6;
  const height = axisValues.length * CELL_H + BOTTOM + 4;
  const cells = result.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.optimizer === optimizer);
  // Rows from the top: the largest axis value first, so it reads like a plot.
  const rowOf = (value: number) => axisValues.length - 1 - axisValues.indexOf(value);
  return (
    <figure className="lab-heatmap">
      <figcaption>
        {info.label} <span className="lab-muted">· lr × {axisName(info.axis)}</span>
      </figcaption>
      <svg
        width={width}
        height={height}
        role="group"
        aria-label={`${info.label}: median final loss over learning rate and ${axisName(info.axis)}`}
        onKeyDown={(event) => moveFocus(event, active, axisValues.length, lrs.length, setActive)}
      >
        {cells.map(({ cell, index }) => {
          const row = rowOf(cell.axisValue!);
          const col = lrs.indexOf(cell.lr);
          const label = describeCell(result, index);
          return (
            <rect
              key={index}
              className="lab-cell"
              x={LEFT + col * CELL_W}
              y={row * CELL_H}
              width={CELL_W - 1}
              height={CELL_H - 1}
              fill={cell.median < Infinity ? colour(cell.median) : DIVERGED}
              role="button"
              tabIndex={active.row === row && active.col === col ? 0 : -1}
              aria-label={label}
              data-row={row}
              data-col={col}
              data-lr={cell.lr}
              onClick={() => onPick(index)}
              onFocus={() => setActive({ row, col })}
              onKeyDown={(event) => pressKeys(event, () => onPick(index))}
            >
              <title>{label}</title>
            </rect>
          );
        })}
        <g className="lab-axis" aria-hidden="true">
          {[0, axisValues.length - 1].map((i) => (
            <text
              key={i}
              x={LEFT - 4}
              y={rowOf(axisValues[i]) * CELL_H + CELL_H / 2}
              dy="0.32em"
              textAnchor="end"
            >
              {formatNumber(axisValues[i])}
            </text>
          ))}
          {[0, lrs.length - 1].map((i) => (
            <text
              key={i}
              x={LEFT + i * CELL_W + CELL_W / 2}
              y={axisValues.length * CELL_H + 14}
              textAnchor="middle"
            >
              {formatNumber(lrs[i])}
            </text>
          ))}
          <text x={LEFT + (lrs.length * CELL_W) / 2} y={height - 2} textAnchor="middle">
            learning rate →
          </text>
        </g>
      </svg>
    </figure>
  );
}

/**
 * The empirical phase diagram: median final loss over learning rate × momentum (or β₁), one panel
 * per optimizer that has such a knob, one colour scale for all.
 */
export function Heatmaps({ result, onPick }: { result: SweepResult; onPick(cell: number): void }) {
  const { lo, hi, colour } = colourScale(result);
  const withAxis = result.optimizers.map((o, i) => ({ o, i })).filter(({ o }) => o.axis !== null);
  const without = result.optimizers.filter((o) => o.axis === null);
  return (
    <div>
      <div className="lab-panels">
        {withAxis.map(({ i }) => (
          <Panel key={i} result={result} optimizer={i} colour={colour} onPick={onPick} />
        ))}
      </div>
      <div className="lab-colour-legend" aria-label="Colour scale">
        <span>final loss − {result.bestKnown ? 'minimum' : 'best found'}:</span>
        <span className="lab-swatch" style={{ background: interpolateViridis(1) }} />
        <span>1e{Math.floor(lo)}</span>
        <span className="lab-gradient" />
        <span className="lab-swatch" style={{ background: interpolateViridis(0) }} />
        <span>1e{Math.ceil(hi)}</span>
        <span className="lab-swatch" style={{ background: DIVERGED }} />
        <span>most starts diverged</span>
      </div>
      {without.length > 0 && (
        <p className="lab-muted lab-note">
          No momentum or β₁ to sweep for {without.map((o) => o.label).join(', ')}: left out of the
          heatmap and the leaderboard.
        </p>
      )}
    </div>
  );
}
