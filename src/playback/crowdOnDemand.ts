/**
 * A plot's painter for crowded runs, loaded with the first crowded frame: most scenes have none,
 * and the first download has no room for code they never run (build/sizeBudget.ts). Until the
 * painter is there, the frame is held, so the layer waits for it as for a Worker still painting.
 */
import type { CrowdFrame, CrowdPainter } from '../render/crowdPicture.ts';

export interface DisposableCrowdPainter extends CrowdPainter {
  dispose(): void;
}

type Recycle = (trails: Float64Array, heads: Float64Array) => void;

export function crowdPainterOnDemand(
  canvas: HTMLCanvasElement,
  onFailure: (reason: string) => void,
  load: () => Promise<{
    createCrowdPainter: (
      canvas: HTMLCanvasElement,
      onFailure: (reason: string) => void,
    ) => DisposableCrowdPainter;
  }> = () => import('./crowdClient.ts'),
): DisposableCrowdPainter {
  let painter: DisposableCrowdPainter | null = null;
  let loading = false;
  let failed = false;
  let disposed = false;
  /** The newest frame that came while loading (a new layer's replaces an older layer's). */
  let held: { frame: CrowdFrame; recycle: Recycle } | null = null;
  const giveBack = () => {
    held?.recycle(held.frame.trails, held.frame.heads);
    held = null;
  };
  return {
    paint(frame, recycle) {
      if (painter) {
        painter.paint(frame, recycle);
        return;
      }
      if (failed) {
        recycle(frame.trails, frame.heads);
        return;
      }
      giveBack();
      held = { frame, recycle };
      if (loading) return;
      loading = true;
      load().then(
        ({ createCrowdPainter }) => {
          if (disposed) return;
          painter = createCrowdPainter(canvas, onFailure);
          const first = held;
          held = null;
          if (first) painter.paint(first.frame, first.recycle);
        },
        (error: unknown) => {
          onFailure(`the code that draws them did not load (${String(error)})`);
          failed = true;
          giveBack();
        },
      );
    },
    dispose() {
      disposed = true;
      painter?.dispose();
    },
  };
}
