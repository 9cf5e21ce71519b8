import { lazy, Suspense } from 'react';
import type { Viewport } from '../../render/viewport.ts';
import { useApp } from '../appContext.ts';

const InspectorCanvas = lazy(() => import('./InspectorCanvas.tsx'));

export interface InspectorOverlayProps {
  viewport: Viewport;
  /** The panel's run (side by side) or null (overlay). */
  runId: string | null;
  /** Line and text scale (presentation mode draws larger). */
  drawScale: number;
}

/** The inspector's canvas in a plot panel, loaded the first time the inspector or anatomy is on. */
export function InspectorOverlay(props: InspectorOverlayProps) {
  const on = useApp((s) => s.inspect || s.scene.runs.some((run) => run.id === s.anatomyRunId));
  if (!on) return null;
  return (
    <Suspense fallback={null}>
      <InspectorCanvas {...props} />
    </Suspense>
  );
}
