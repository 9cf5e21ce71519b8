import { runStyle, type MarkerShape, type RunStyle } from '../render/runStyle.ts';
import { useApp } from './appContext.ts';

/** Each marker shape in a 16 × 16 box centred on (8, 8), as the plot draws it. */
export const MARKER_PATHS: Record<MarkerShape, string> = {
  circle: 'M13 8a5 5 0 1 1-10 0a5 5 0 1 1 10 0Z',
  square: 'M3.5 3.5h9v9h-9Z',
  triangle: 'M8 2.5l5.5 10h-11Z',
  diamond: 'M8 1.5l5 6.5-5 6.5-5-6.5Z',
  cross: 'M6 2h4v4h4v4h-4v4H6v-4H2V6h4Z',
  star: 'M8 1.5l1.9 4.3 4.6.4-3.5 3 1.1 4.6L8 11.4l-4.1 2.4 1.1-4.6-3.5-3 4.6-.4Z',
};

/** A marker of the given colour and shape, as an icon. */
export function MarkerIcon({ color, shape, size = 16 }: RunStyle & { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="run-marker">
      <path d={MARKER_PATHS[shape]} fill={color} stroke="#fff" strokeWidth={1.2} />
    </svg>
  );
}

/** The scene run's colour and marker shape, as drawn on the plot, for cards and legends. */
export function RunMarker({ index, size = 16 }: { index: number; size?: number }) {
  const runs = useApp((s) => s.scene.runs);
  return <MarkerIcon {...runStyle(runs, index)} size={size} />;
}
