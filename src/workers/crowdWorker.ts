/**
 * Paints crowded runs' frames (render/crowdPicture.ts) on the canvases the page handed over, gives
 * each frame's arrays back at once, and says which step a canvas shows once it shows it. Loaded by
 * playback/crowdClient.ts.
 */
import { CrowdPicture, type CrowdRequest } from '../render/crowdPicture.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const pictures = new Map<number, CrowdPicture>();

scope.onmessage = ({ data }: MessageEvent<CrowdRequest>) => {
  const { id } = data;
  if ('canvas' in data) {
    const ctx = data.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available in this Worker');
    pictures.set(id, new CrowdPicture(ctx));
  } else if ('release' in data) {
    pictures.delete(id);
  } else {
    const { frame } = data;
    pictures.get(id)?.paint(frame);
    const { step, trails, heads } = frame;
    scope.postMessage({ id, trails, heads }, [trails.buffer, heads.buffer]);
    // The page sees the picture once it is committed, at this Worker's next animation frame.
    scope.requestAnimationFrame(() => scope.postMessage({ id, step }));
  }
};
