import { useEffect, useRef } from 'react';
import type { BasinResult } from '../../core/lab/basins.ts';
import type { Point } from '../../core/geometry.ts';
import { basinColours, paintBasinMap } from '../../render/lab/basinImage.ts';
import { formatNumber } from '../format.ts';
import { percent } from './format.ts';

const SIZE = 180;

function BasinPanel({
  result,
  index,
  colours,
  onPick,
}: {
  result: BasinResult;
  index: number;
  colours: string[];
  onPick(map: number, start: Point): void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) paintBasinMap(canvas.current, result, index, colours);
  }, [result, index, colours]);
  const map = result.maps[index];
  const { view, side } = result;
  const total = side * side;
  const globalShare =
    result.categories.reduce((sum, c, i) => sum + (c.global ? map.counts[i] : 0), 0) / total;
  const summary = result.categories
    .map((c, i) => ({ c, n: map.counts[i] }))
    .filter(({ n }) => n > 0)
    .map(({ c, n }) => `${c.label} ${percent(n / total)}`)
    .join(', ');
  const toCss = ([x, y]: Point): [number, number] => [
    ((x - view.xMin) / (view.xMax - view.xMin)) * SIZE,
    ((view.yMax - y) / (view.yMax - view.yMin)) * SIZE,
  ];
  return (
    <figure className="lab-basin">
      <figcaption>
        {map.label}{' '}
        <span className="lab-muted">
          lr {formatNumber(map.lr)} · {map.steps} steps
        </span>
        <br />
        {result.categories.some((c) => c.global) && (
          <span>global minimum from {percent(globalShare)} of starts</span>
        )}
      </figcaption>
      <div className="lab-basin-box" style={{ width: SIZE, height: SIZE }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${map.label} basin map: ${summary}`}
          data-testid="lab-basin-map"
          style={{ width: SIZE, height: SIZE }}
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            const i = Math.min(
              side - 1,
              Math.floor(((event.clientX - box.left) / box.width) * side),
            );
            const j = Math.min(
              side - 1,
              Math.floor(((box.bottom - event.clientY) / box.height) * side),
            );
            onPick(index, [
              view.xMin + ((i + 0.5) / side) * (view.xMax - view.xMin),
              view.yMin + ((j + 0.5) / side) * (view.yMax - view.yMin),
            ]);
          }}
        />
        <svg width={SIZE} height={SIZE} aria-hidden="true">
          {result.categories.map((c, i) => {
            if (!c.point) return null;
            const [cx, cy] = toCss(c.point);
            return (
              <circle
                key={i}
                cx={cx}
                cy={cy}
                r={4}
                fill={colours[i]}
                stroke="#fff"
                strokeWidth={2}
              />
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

/**
 * One basin map per optimizer, same colours and legend: every start of the grid coloured by the
 * minimum its run ended in. Clicking a start loads that run, from there, into the main view.
 */
export function BasinMaps({
  result,
  onPick,
}: {
  result: BasinResult;
  onPick(map: number, start: Point): void;
}) {
  const colours = basinColours(result.categories);
  const used = result.categories
    .map((category, i) => ({ category, i }))
    .filter(({ i }) => result.maps.some((map) => map.counts[i] > 0));
  return (
    <div>
      <div className="lab-panels">
        {result.maps.map((map, i) => (
          <BasinPanel
            key={map.preset}
            result={result}
            index={i}
            colours={colours}
            onPick={onPick}
          />
        ))}
      </div>
      <ul className="lab-legend" aria-label="Where the runs ended">
        {used.map(({ category, i }) => (
          <li key={i}>
            <span className="lab-swatch" style={{ background: colours[i] }} />
            {category.label}
          </li>
        ))}
      </ul>
      <p className="lab-muted lab-note">
        Each pixel is one of {result.side} × {result.side} starts. A run has reached a minimum when
        it ends within {formatNumber(result.positionTolerance)} of it (1% of the view’s diagonal);
        ends elsewhere with ‖∇f‖ ≤ {formatNumber(result.gradientTolerance)} are stationary points
        found on the way; diverged: a non-finite value or left the view by 100 view sizes. Click a
        start to watch that run.
      </p>
    </div>
  );
}
