import { scaleLinear, scaleLog } from 'd3-scale';
import { area, line } from 'd3-shape';
import { useRef, useState } from 'react';
import type { SweepCell, SweepResult } from '../../core/lab/score.ts';
import { findPreset } from '../../core/optimizers/presets.ts';
import { runStyles } from '../../render/runStyle.ts';
import { tickLabel } from '../../render/scales.ts';
import { formatNumber } from '../format.ts';
import { MARKER_PATHS, MarkerIcon } from '../RunMarker.tsx';
import { useElementSize } from '../useElementSize.ts';
import { describeCell, lossGap } from './format.ts';
import { moveFocus, pressKeys } from './roving.ts';

const MARGIN = { left: 62, right: 14, top: 8 };
/** Each optimizer has a row of this height above the plot for its "over half diverged" marks. */
const LANE = 10;
const MAIN_HEIGHT = 230;
const GAP = 34;
const STRIP_HEIGHT = 64;
const BOTTOM = 34;

/** Powers of ten inside the domain, every k-th so at most `most` (1-2-5 ticks crowd a small chart). */
function decades([lo, hi]: number[], most = 8): number[] {
  const first = Math.ceil(Math.log10(lo));
  const last = Math.floor(Math.log10(hi));
  const every = Math.max(1, Math.ceil((last - first + 1) / most));
  const out: number[] = [];
  for (let e = last; e >= first; e -= every) out.push(10 ** e);
  return out;
}

/**
 * Final loss against learning rate, one curve per optimizer: the median over the starts, the
 * interquartile band around it, and below, the share of starts that diverged. Every point is a
 * button (one tab stop, arrow keys move) that loads that run into the main view. Points carry the
 * optimizer's marker shape; a diverged median is a × in the optimizer's own row above the plot, so
 * several optimizers diverging at one lr stay apart.
 */
export function SweepChart({
  result,
  onPick,
}: {
  result: SweepResult;
  onPick(cell: number): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const { cells, lrs, best } = result;
  const rows = result.optimizers.length;
  // The same look as the preset's run on the plot.
  const styles = runStyles(
    result.optimizers.map(({ preset }) => findPreset(preset) ?? { optimizer: preset, params: {} }),
  );
  const grid: number[][] = Array.from({ length: rows }, () =>
    new Array<number>(lrs.length).fill(-1),
  );
  cells.forEach((cell, i) => (grid[cell.optimizer][lrs.indexOf(cell.lr)] = i));

  const right = Math.max(MARGIN.left + 100, width - MARGIN.right);
  const x = scaleLog()
    .domain([lrs[0], lrs[lrs.length - 1]])
    .range([MARGIN.left, right]);
  const finite = cells
    .flatMap((cell) => [cell.q1, cell.median, cell.q3])
    .filter((v) => v < Infinity)
    .map((v) => lossGap(v, best));
  const lo = finite.length > 0 ? Math.min(...finite) : 1e-6;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  const laneY = (row: number) => MARGIN.top + LANE * (row + 0.5);
  const top = MARGIN.top + LANE * rows + 6;
  const bottom = top + MAIN_HEIGHT;
  const y = scaleLog()
    .domain([lo / 2, Math.max(hi * 2, lo * 10)])
    .range([bottom, top + 10])
    .clamp(true);
  // Diverged statistics reach the top edge, above every finite value.
  const yOf = (loss: number) => (loss === Infinity ? top : y(lossGap(loss, best)));
  const stripTop = bottom + GAP;
  const stripBottom = stripTop + STRIP_HEIGHT;
  const share = scaleLinear().domain([0, 1]).range([stripBottom, stripTop]);
  const height = stripBottom + BOTTOM;

  const band = area<SweepCell>()
    .defined((cell) => cell.q1 < Infinity)
    .x((cell) => x(cell.lr))
    .y0((cell) => yOf(cell.q1))
    .y1((cell) => yOf(cell.q3));
  const medianLine = line<SweepCell>()
    .defined((cell) => cell.median < Infinity)
    .x((cell) => x(cell.lr))
    .y((cell) => yOf(cell.median));
  // Lines of equal shares (0%, 100%) are drawn side by side, a little apart, not on top of each other.
  const divergedLine = (row: number) =>
    line<SweepCell>()
      .x((cell) => x(cell.lr))
      .y((cell) => share(cell.diverged) + 1.5 * (row - (rows - 1) / 2));

  return (
    <div className="lab-chart" ref={box}>
      {width > 0 && (
        <svg
          width={width}
          height={height}
          role="group"
          aria-label="Final loss against learning rate"
          onKeyDown={(event) => moveFocus(event, active, rows, lrs.length, setActive)}
        >
          <g className="lab-axis" aria-hidden="true">
            {decades(x.domain()).map((v) => (
              <g key={v} transform={`translate(${x(v)},0)`}>
                <line y1={MARGIN.top} y2={stripBottom} className="lab-grid" />
                <text y={stripBottom + 16} textAnchor="middle">
                  {tickLabel(v)}
                </text>
              </g>
            ))}
            {decades(y.domain()).map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`}>
                <line x1={MARGIN.left} x2={right} className="lab-grid" />
                <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
                  {tickLabel(v)}
                </text>
              </g>
            ))}
            <text x={MARGIN.left - 6} y={(MARGIN.top + top) / 2} dy="0.32em" textAnchor="end">
              diverged
            </text>
            <line x1={MARGIN.left} x2={right} y1={top - 3} y2={top - 3} />
            <text x={(MARGIN.left + right) / 2} y={height - 4} textAnchor="middle">
              learning rate (log scale)
            </text>
            <text transform={`translate(12,${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle">
              final loss − {result.bestKnown ? 'minimum' : 'best found'}
            </text>
            <line x1={MARGIN.left} x2={right} y1={stripBottom} y2={stripBottom} />
            <text x={MARGIN.left - 6} y={share(1)} dy="0.32em" textAnchor="end">
              100%
            </text>
            <text x={MARGIN.left - 6} y={share(0)} dy="0.32em" textAnchor="end">
              0%
            </text>
            <text
              transform={`translate(12,${(stripTop + stripBottom) / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              diverged
            </text>
          </g>
          {grid.map((row, r) => {
            const rowCells = row.filter((i) => i >= 0).map((i) => cells[i]);
            const { color } = styles[r];
            return (
              <g key={r} aria-hidden="true">
                <path d={band(rowCells) ?? ''} fill={color} opacity={0.14} />
                <path d={medianLine(rowCells) ?? ''} fill="none" stroke={color} strokeWidth={2} />
                <path
                  d={divergedLine(r)(rowCells) ?? ''}
                  fill="none"
                  stroke={color}
                  strokeWidth={1.5}
                />
              </g>
            );
          })}
          {grid.map((row, r) =>
            row.map((index, c) => {
              if (index < 0) return null;
              const cell = cells[index];
              const cx = x(cell.lr);
              const diverged = cell.median === Infinity;
              const cy = diverged ? laneY(r) : yOf(cell.median);
              const isActive = active.row === r && active.col === c;
              const label = describeCell(result, index);
              return (
                <g
                  key={index}
                  className="lab-point"
                  role="button"
                  tabIndex={isActive ? 0 : -1}
                  aria-label={label}
                  data-row={r}
                  data-col={c}
                  data-lr={cell.lr}
                  data-optimizer={result.optimizers[r].preset}
                  onClick={() => {
                    setActive({ row: r, col: c });
                    onPick(index);
                  }}
                  onFocus={() => setActive({ row: r, col: c })}
                  onKeyDown={(event) => pressKeys(event, () => onPick(index))}
                >
                  <title>{`${label}. Click to load it into the main view.`}</title>
                  <circle cx={cx} cy={cy} r={diverged ? LANE / 2 + 1 : 9} fill="transparent" />
                  {diverged ? (
                    <path
                      d={`M${cx - 3.5},${cy - 3.5}l7,7m0,-7l-7,7`}
                      stroke={styles[r].color}
                      strokeWidth={2}
                    />
                  ) : (
                    <path
                      d={MARKER_PATHS[styles[r].shape]}
                      transform={`translate(${cx - 5},${cy - 5}) scale(0.625)`}
                      fill={styles[r].color}
                      stroke="#fff"
                      strokeWidth={1.6}
                    />
                  )}
                </g>
              );
            }),
          )}
        </svg>
      )}
      <ul className="lab-legend" aria-label="Legend: optimizers">
        {result.optimizers.map((optimizer, i) => (
          <li key={optimizer.preset}>
            <MarkerIcon {...styles[i]} size={14} />
            {optimizer.label}
            <span className="lab-muted"> · {optimizer.steps} steps</span>
          </li>
        ))}
      </ul>
      <p className="lab-muted lab-note">
        Lines: median over {result.starts} starts; bands: middle half (quartiles), up to the top
        edge where over a quarter diverged; ×: over half diverged, in the optimizer’s own row above
        the plot (rows in the legend’s order). Lowest value a run may reach:{' '}
        {formatNumber(result.best)} (
        {result.bestKnown ? 'the known global minimum' : 'the best any run found'}).
      </p>
    </div>
  );
}
