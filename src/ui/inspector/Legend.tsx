import { INSPECTOR_COLORS } from '../../render/inspectorLayer.ts';

export interface LegendEntry {
  color: string;
  /** Dash pattern as in SVG's stroke-dasharray; none for a solid line. */
  dash?: string;
  width?: number;
  label: string;
}

/** A key to the arrows on the plot: one short line drawn in each arrow's style. */
export function Legend({ entries, label }: { entries: readonly LegendEntry[]; label: string }) {
  return (
    <ul className="inspector-legend" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.label}>
          <svg width="30" height="10" aria-hidden="true">
            <line
              x1="2"
              y1="5"
              x2="22"
              y2="5"
              stroke={entry.color}
              strokeWidth={entry.width ?? 2.5}
              strokeDasharray={entry.dash}
            />
            <path d="M21 1.5 L28 5 L21 8.5 Z" fill={entry.color} />
          </svg>
          {entry.label}
        </li>
      ))}
    </ul>
  );
}

export const CURVATURE_LEGEND: readonly LegendEntry[] = [
  { color: INSPECTOR_COLORS.curvesUp, label: 'curves up (λ > 0)' },
  { color: INSPECTOR_COLORS.curvesDown, dash: '5 3', label: 'curves down (λ < 0)' },
  { color: INSPECTOR_COLORS.flat, dash: '2 2', label: 'flat (λ = 0)' },
  { color: INSPECTOR_COLORS.gradient, width: 2, label: '∇f (uphill)' },
];
