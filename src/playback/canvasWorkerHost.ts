/**
 * One Worker drawing on canvases handed to it with `transferControlToOffscreen` (the loss charts,
 * crowded runs): started with the first canvas, told when one goes, stopped when the last one goes.
 * Each canvas goes by an id in every message about it; what else the Worker is told is its users'.
 */

/** What every canvas Worker is told besides what to draw: a canvas handed over, or one gone. */
export type CanvasHandover =
  { id: number; canvas: OffscreenCanvas } | { id: number; release: true };

export interface CanvasWorkerLike<Request> {
  postMessage(message: Request | CanvasHandover, transfer: Transferable[]): void;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export class CanvasWorkerHost<Request> {
  private worker: CanvasWorkerLike<Request> | null = null;
  private readonly attached = new Set<number>();
  private nextId = 0;
  /** Why the Worker failed (it failed to load or threw), once it has: nothing more is drawn. */
  failure: string | null = null;

  /**
   * `failedToLoad` is what `failure` says when the Worker's error comes without a message;
   * `onFailure` hears the failure when it happens.
   */
  constructor(
    private readonly createWorker: () => CanvasWorkerLike<Request>,
    private readonly failedToLoad: string,
    private readonly onFailure: (reason: string) => void = () => {},
  ) {}

  /** Hands `canvas` over to the Worker; returns the id it goes by. */
  attach(canvas: HTMLCanvasElement): number {
    this.worker ??= this.start();
    const id = this.nextId++;
    const offscreen = canvas.transferControlToOffscreen();
    this.worker.postMessage({ id, canvas: offscreen }, [offscreen]);
    this.attached.add(id);
    return id;
  }

  post(message: Request, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  /** The canvas `id` is gone: the Worker lets it go, or stops if it was the last. */
  detach(id: number): void {
    if (!this.attached.delete(id) || !this.worker) return;
    if (this.attached.size > 0) {
      this.worker.postMessage({ id, release: true }, []);
      return;
    }
    this.worker.terminate();
    this.worker = null;
  }

  private start(): CanvasWorkerLike<Request> {
    const worker = this.createWorker();
    worker.onerror = (event) => {
      event.preventDefault();
      this.failure = event.message || this.failedToLoad;
      this.onFailure(this.failure);
    };
    return worker;
  }
}
