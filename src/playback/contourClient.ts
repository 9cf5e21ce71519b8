import type { ContourBands } from '../core/contours/bands.ts';
import type {
  ContourPictureSize,
  ContourWorkerRequest,
  ContourWorkerResponse,
} from '../core/contours/protocol.ts';
import { contourCacheKey, type ContourRequest } from '../core/contours/request.ts';
import { LruCache } from '../core/lruCache.ts';
import type { ContourPictureResult, ContourResult, ContourSource } from '../render/contourLayer.ts';

export type { ContourPictureResult, ContourResult };

/** What ContourClient needs from a Worker; tests pass a fake. */
export interface ContourWorkerLike {
  postMessage(message: ContourWorkerRequest): void;
  onmessage: ((event: MessageEvent<ContourWorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ContourClientOptions {
  createWorker?: () => ContourWorkerLike;
  /** Full-resolution results kept (a 200×200 Rastrigin is ~3 MB). */
  cacheEntries?: number;
}

interface PendingRequest {
  requestId: number;
  channel: string;
  request: ContourRequest;
  key: string;
  /** The canvas to paint a picture for; none when only the bands are wanted. */
  size?: ContourPictureSize;
  resolve: (result: ContourPictureResult) => void;
}

function createContourWorker(): ContourWorkerLike {
  return new Worker(new URL('../workers/contourWorker.ts', import.meta.url), { type: 'module' });
}

/**
 * Main-thread side of the contour worker. Requests are grouped in channels (one per plot panel):
 * on each channel only the newest request counts, and older ones resolve `stale`. The worker holds
 * one request at a time and each channel at most one more waiting (a newer one replaces it), so
 * dragging the view never builds a queue of pictures nobody will see. Channels share the worker and
 * the cache: side-by-side panels asking for the same picture get it computed once.
 * Results are cached by surface, view, grid size, spacing and level count (least recently used out).
 * A picture is always painted by the worker (each canvas needs a bitmap of its own), from bands it
 * keeps too, so a cached view is painted without being contoured again.
 */
export class ContourClient implements ContourSource {
  private readonly createWorker: () => ContourWorkerLike;
  private readonly cache: LruCache<string, ContourBands>;
  private worker: ContourWorkerLike | undefined;
  private lastRequestId = 0;
  private readonly latestByChannel = new Map<string, number>();
  private inFlight: PendingRequest | undefined;
  /** At most one per channel, sent in the order the channels first started waiting. */
  private readonly waiting = new Map<string, PendingRequest>();

  constructor({ createWorker = createContourWorker, cacheEntries = 6 }: ContourClientOptions = {}) {
    this.createWorker = createWorker;
    this.cache = new LruCache(cacheEntries);
  }

  /** The cached full-resolution bands for this request, if any. */
  peek(request: ContourRequest): ContourBands | undefined {
    return this.cache.get(contourCacheKey(request));
  }

  /**
   * Full-resolution bands from the worker (or the cache); `stale` once a newer request on the same
   * channel exists.
   */
  async request(request: ContourRequest, channel = 'default'): Promise<ContourResult> {
    const result = await this.enqueue(request, channel);
    return result.status === 'done' ? { status: 'done', bands: result.bands } : result;
  }

  /**
   * The bands and their picture painted by the worker for a canvas of `size` (`bitmap` null where
   * the worker cannot paint); `stale` as for `request`.
   */
  picture(
    request: ContourRequest,
    size: ContourPictureSize,
    channel = 'default',
  ): Promise<ContourPictureResult> {
    return this.enqueue(request, channel, size);
  }

  private enqueue(
    request: ContourRequest,
    channel: string,
    size?: ContourPictureSize,
  ): Promise<ContourPictureResult> {
    const requestId = ++this.lastRequestId;
    this.latestByChannel.set(channel, requestId);
    this.waiting.get(channel)?.resolve({ status: 'stale' });
    this.waiting.delete(channel);
    const key = contourCacheKey(request);
    const cached = size ? undefined : this.cache.get(key);
    if (cached) return Promise.resolve({ status: 'done', bands: cached, bitmap: null });
    return new Promise((resolve) => {
      this.waiting.set(channel, { requestId, channel, request, key, size, resolve });
      if (!this.inFlight) this.sendNext();
    });
  }

  /** Stops the worker; unanswered requests resolve `stale`. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.inFlight?.resolve({ status: 'stale' });
    this.inFlight = undefined;
    for (const pending of this.waiting.values()) pending.resolve({ status: 'stale' });
    this.waiting.clear();
  }

  private sendNext(): void {
    for (const [channel, next] of this.waiting) {
      this.waiting.delete(channel);
      // The answer just received may be this picture too (panels showing the same view).
      const cached = this.cache.get(next.key);
      if (cached && !next.size) {
        next.resolve({ status: 'done', bands: cached, bitmap: null });
        continue;
      }
      this.inFlight = next;
      this.ensureWorker().postMessage({
        requestId: next.requestId,
        request: next.request,
        picture: next.size,
        withBands: !cached,
      });
      return;
    }
  }

  private ensureWorker(): ContourWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // A worker that fails to load or throws outside the handler will not answer: fail what waits
      // on it and start a fresh one for the next request.
      event.preventDefault();
      worker.terminate();
      this.worker = undefined;
      const failed = this.inFlight;
      this.inFlight = undefined;
      failed?.resolve(this.resultFor(failed, { status: 'error', error: event.message }));
      this.sendNext();
    };
    this.worker = worker;
    return worker;
  }

  private receive({ requestId, outcome }: ContourWorkerResponse): void {
    const answered = this.inFlight;
    if (!answered || answered.requestId !== requestId) return;
    this.inFlight = undefined;
    if (outcome.ok && outcome.bands) this.cache.set(answered.key, outcome.bands);
    const result: ContourPictureResult = outcome.ok
      ? {
          status: 'done',
          // Bands not sent back were in the cache when asked for, and only answers change it.
          bands: outcome.bands ?? this.cache.get(answered.key)!,
          bitmap: outcome.picture,
        }
      : { status: 'error', error: outcome.error };
    answered.resolve(this.resultFor(answered, result));
    this.sendNext();
  }

  private resultFor(pending: PendingRequest, result: ContourPictureResult): ContourPictureResult {
    if (pending.requestId === this.latestByChannel.get(pending.channel)) return result;
    if (result.status === 'done') result.bitmap?.close();
    return { status: 'stale' };
  }
}

let sharedClient: ContourClient | null = null;

/** One Worker and one cache for every panel: side-by-side panels ask for the same picture. */
export function sharedContourClient(): ContourClient {
  sharedClient ??= new ContourClient();
  return sharedClient;
}
