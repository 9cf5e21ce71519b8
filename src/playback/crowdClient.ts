/**
 * Paints crowded runs (thousands of particles) in a Worker, on canvases handed to it with
 * `transferControlToOffscreen`: rasterising a frame's trails and dots and uploading the picture
 * took most of the page's thread in a 12 runs × 1,000 starts race, and the picture need not be
 * ready in the same frame as the clock's step. One Worker serves every crowd canvas on the page
 * (side by side has one per run); each canvas has one frame painted at a time, and its layer
 * gathers the next while the Worker paints. Where a canvas cannot go to a Worker, it is painted here.
 */
import {
  LocalCrowdPainter,
  type CrowdAnswer,
  type CrowdFrame,
  type CrowdRequest,
} from '../render/crowdPicture.ts';
import type { DisposableCrowdPainter } from './crowdOnDemand.ts';
import { CanvasWorkerHost, type CanvasWorkerLike } from './canvasWorkerHost.ts';

type Recycle = (trails: Float64Array, heads: Float64Array) => void;

export interface CrowdWorkerLike extends CanvasWorkerLike<CrowdRequest> {
  onmessage: ((event: MessageEvent<CrowdAnswer>) => void) | null;
}

function createCrowdWorker(): CrowdWorkerLike {
  return new Worker(new URL('../workers/crowdWorker.ts', import.meta.url), { type: 'module' });
}

/** The Worker, with the clients whose canvases it paints. */
export class CrowdWorkerHost {
  private readonly clients = new Map<number, CrowdClient>();
  private readonly host: CanvasWorkerHost<CrowdRequest>;

  constructor(createWorker: () => CrowdWorkerLike = createCrowdWorker) {
    const listened = () => {
      const worker = createWorker();
      worker.onmessage = ({ data }) => {
        const client = this.clients.get(data.id);
        if (!client) return;
        if ('step' in data) client.shown(data.step);
        else client.painted(data.trails, data.heads);
      };
      return worker;
    };
    this.host = new CanvasWorkerHost(
      listened,
      'the Worker that draws them failed to load',
      (reason) => {
        for (const client of this.clients.values()) client.failed(reason);
      },
    );
  }

  /** Why the Worker failed (it failed to load or threw), once it has: nothing more is painted. */
  get failure(): string | null {
    return this.host.failure;
  }

  /** Hands `canvas` over to the Worker; returns the id its frames go by. */
  attach(client: CrowdClient, canvas: HTMLCanvasElement): number {
    const id = this.host.attach(canvas);
    this.clients.set(id, client);
    return id;
  }

  post(id: number, frame: CrowdFrame): void {
    this.host.post({ id, frame }, [frame.trails.buffer, frame.heads.buffer]);
  }

  detach(id: number): void {
    this.clients.delete(id);
    this.host.detach(id);
  }
}

const sharedHost = new CrowdWorkerHost();

export class CrowdClient implements DisposableCrowdPainter {
  /** The canvas's id in the Worker, once handed over (with its first frame). */
  private id: number | null = null;
  /** The frame being painted's owner, given its arrays back when the Worker is done. */
  private painting: Recycle | null = null;
  /** A frame that came while another was painted (a new layer took over the canvas). */
  private waiting: { frame: CrowdFrame; recycle: Recycle } | null = null;

  /** `onFailure` hears, once, why crowds cannot be drawn (the Worker failed). */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onFailure: (reason: string) => void,
    private readonly host: CrowdWorkerHost = sharedHost,
  ) {}

  paint(frame: CrowdFrame, recycle: Recycle): void {
    if (this.host.failure !== null) {
      recycle(frame.trails, frame.heads);
      return;
    }
    if (this.painting) {
      // Only the newest waits; an older waiting frame's arrays go back unpainted.
      if (this.waiting) this.waiting.recycle(this.waiting.frame.trails, this.waiting.frame.heads);
      this.waiting = { frame, recycle };
      return;
    }
    // A page without crowds hands over no canvas and starts no Worker.
    this.id ??= this.host.attach(this, this.canvas);
    this.painting = recycle;
    this.host.post(this.id, frame);
  }

  dispose(): void {
    if (this.id !== null) this.host.detach(this.id);
    this.id = null;
  }

  /** The Worker painted the frame: its arrays go back, and a waiting frame goes next. */
  painted(trails: Float64Array, heads: Float64Array): void {
    const recycle = this.painting!;
    this.painting = null;
    const next = this.waiting;
    this.waiting = null;
    if (next) this.paint(next.frame, next.recycle);
    recycle(trails, heads);
  }

  /** The Worker failed: the frame it held is lost, and its owner gets arrays to go on with. */
  failed(reason: string): void {
    this.onFailure(reason);
    const recycle = this.painting;
    this.painting = null;
    recycle?.(new Float64Array(0), new Float64Array(0));
  }

  /** The canvas shows step `step`: tests and readers can tell which. */
  shown(step: number): void {
    this.canvas.dataset.step = String(step);
  }
}

/**
 * A Worker's painter for `canvas` where the browser can hand a canvas to a Worker, else a local one;
 * `onFailure` hears why crowds cannot be drawn if the Worker fails.
 */
export function createCrowdPainter(
  canvas: HTMLCanvasElement,
  onFailure: (reason: string) => void,
): DisposableCrowdPainter {
  if (typeof Worker !== 'undefined' && 'transferControlToOffscreen' in canvas) {
    return new CrowdClient(canvas, onFailure);
  }
  const local = new LocalCrowdPainter(canvas);
  return {
    paint: (frame, recycle) => {
      local.paint(frame, recycle);
      canvas.dataset.step = String(frame.step);
    },
    dispose: () => {},
  };
}
