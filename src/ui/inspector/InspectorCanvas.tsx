import { useEffect, useRef } from 'react';
import { anatomyAt } from '../../playback/anatomySource.ts';
import { InspectorLayer } from '../../render/inspectorLayer.ts';
import { useApp, useServices } from '../appContext.ts';
import type { InspectorOverlayProps } from './InspectorOverlay.tsx';

/** The canvas the curvature arrows and the update anatomy are drawn on, above the trails. */
export default function InspectorCanvas({ viewport, runId, drawScale }: InspectorOverlayProps) {
  const { controller } = useServices();
  const curvature = useApp((s) => s.inspect);
  const anatomyRunId = useApp((s) => s.anatomyRunId);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<InspectorLayer | null>(null);

  useEffect(() => {
    const created = new InspectorLayer(canvas.current!, () => controller.hover, anatomyAt, {
      runId: null,
      curvature: false,
      anatomyRunId: null,
      scale: 1,
    });
    layer.current = created;
    return controller.addDrawable(created);
  }, [controller]);
  useEffect(() => {
    layer.current!.setOptions({ runId, curvature, anatomyRunId, scale: drawScale });
    controller.invalidate();
  }, [controller, runId, curvature, anatomyRunId, drawScale]);
  useEffect(() => {
    layer.current!.setViewport(viewport, window.devicePixelRatio || 1);
    controller.invalidate();
  }, [controller, viewport]);
  // Redraw when the pointer moves; the frame loop makes that at most once per animation frame.
  useEffect(
    () => (curvature ? controller.onHover(() => controller.invalidate()) : undefined),
    [controller, curvature],
  );

  return (
    <canvas ref={canvas} className="layer" aria-hidden="true" data-testid="inspector-canvas" />
  );
}
