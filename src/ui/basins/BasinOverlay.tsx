import { lazy, Suspense } from 'react';
import type { ResolvedSurface } from '../../core/scene/resolve.ts';
import type { Viewport } from '../../render/viewport.ts';
import { useApp } from '../appContext.ts';

const BasinColouring = lazy(() => import('./BasinColouring.tsx'));

export interface BasinOverlayProps {
  surface: ResolvedSurface;
  viewport: Viewport;
  /** A side-by-side panel's run; null in the overlay, where the legend offers a choice. */
  runId: string | null;
}

/**
 * With random or grid starts, each start coloured by where its particle is now, with a legend. Its
 * code loads the first time a scene has several starts: the default scene has one.
 */
export function BasinOverlay(props: BasinOverlayProps) {
  const multiStart = useApp((s) => s.scene.starts.kind !== 'points');
  if (!multiStart) return null;
  return (
    <Suspense fallback={null}>
      <BasinColouring {...props} />
    </Suspense>
  );
}
