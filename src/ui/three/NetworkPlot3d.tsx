/**
 * The network landscape in 3D: the loss sampled over the plane (the grid its contours are drawn
 * from) as a lit surface, and each run's projected path on it. Loaded on demand, like the plot's 3D
 * panel. A click does nothing here: a network's start is its initial weights, not a point.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import './plot3d.css';
import type { Extent } from '../../core/geometry.ts';
import { DEFAULT_VIEW3D } from '../../core/scene/scene.ts';
import { sampledMeshRequest } from '../../core/surface3d/compute.ts';
import { PlanePathOverlay } from '../../render/surface3d/planePaths.ts';
import type { SurfaceViewOptions } from '../../render/surface3d/surfaceRenderer.ts';
import { useApp, useServices } from '../appContext.ts';
import { countRender } from '../renderCount.ts';
import { useElementSize } from '../useElementSize.ts';
import { Surface3dView } from './Surface3dView.tsx';

/** The sampled plane: side × side losses at the cell centres of `extent`. */
export interface SampledLandscape {
  values: Float64Array;
  side: number;
  extent: Extent;
}

export interface NetworkPlot3dProps {
  /** Null until the grid Workers have sampled it. */
  landscape: SampledLandscape | null;
  /** Each run's path projected onto the plane (α, β per step), and its colour. */
  paths: readonly Float64Array[];
  colours: readonly string[];
  /** Where the paths are drawn (on the plane's loss, not the runs'), for the canvas's tooltip. */
  pathsNote: string;
}

export default function NetworkPlot3d({
  landscape,
  paths,
  colours,
  pathsNote,
}: NetworkPlot3dProps) {
  countRender('NetworkPlot3d');
  const { controller } = useServices();
  const contours = useApp((s) => s.scene.contours);
  const heights = useApp((s) => (s.scene.view3d ?? DEFAULT_VIEW3D).heights);
  const layer = useRef<PlanePathOverlay | null>(null);
  // As large as the 2D plane (420 × 360), smaller on a narrow screen (plot3d.css).
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const meshRequest = useMemo(
    () =>
      landscape &&
      sampledMeshRequest(landscape.values, landscape.side, landscape.extent, contours, heights),
    [landscape, contours, heights],
  );
  // The paths reach the layer whichever runs first, its creation (the view's effect) or this one.
  const latest = useRef({ paths, colours });
  const createOverlay = useCallback((canvas: HTMLCanvasElement, view: SurfaceViewOptions) => {
    const created = new PlanePathOverlay(canvas, view);
    created.setPaths(latest.current.paths, latest.current.colours);
    return (layer.current = created);
  }, []);
  useEffect(() => {
    latest.current = { paths, colours };
    layer.current?.setPaths(paths, colours);
    controller.invalidate();
  }, [controller, paths, colours]);
  const shown = width > 0 && height > 0;

  return (
    <div className="network-plot3d" ref={box}>
      {shown && (
        <Surface3dView
          width={width}
          height={height}
          meshRequest={meshRequest}
          waiting="The 3D surface comes when the landscape is sampled…"
          channel="network3d"
          createOverlay={createOverlay}
          label={`The network's loss over the plane in 3D, with each run's path. Drag to orbit, Shift-drag or two fingers to pan, scroll or pinch to zoom, arrow keys orbit. ${pathsNote}`}
          tooltip={pathsNote}
        />
      )}
    </div>
  );
}
