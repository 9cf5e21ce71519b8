/**
 * Main-thread side of the mesh Worker. Requests come in channels (one per 3D panel); on each only
 * the newest counts, and an older one resolves `null` when its answer comes, so a quick run of
 * changes ends on the last picture. The last few meshes are kept by request, so side-by-side panels
 * asking for the same surface get it built once. The Worker starts on the first request: pages that
 * never open the 3D view never start it.
 */
import {
  meshRequestKey,
  type MeshOutcome,
  type MeshRequest,
  type MeshWorkerRequest,
  type MeshWorkerResponse,
} from '../core/surface3d/compute.ts';

/** What MeshClient needs from a Worker; tests pass a fake. */
export interface MeshWorkerLike {
  postMessage(message: MeshWorkerRequest): void;
  onmessage: ((event: MessageEvent<MeshWorkerResponse>) => void) | null;
  terminate(): void;
}

function createMeshWorker(): MeshWorkerLike {
  return new Worker(new URL('../workers/meshWorker.ts', import.meta.url), { type: 'module' });
}

/** Meshes kept (a 200 × 200 mesh is ≈ 1.3 MB). */
const CACHE_ENTRIES = 3;

export class MeshClient {
  private worker: MeshWorkerLike | undefined;
  private lastRequestId = 0;
  private readonly latestByChannel = new Map<string, number>();
  private readonly answers = new Map<number, (outcome: MeshOutcome) => void>();
  private readonly cache = new Map<string, Promise<MeshOutcome>>();

  constructor(private readonly createWorker: () => MeshWorkerLike = createMeshWorker) {}

  /** The mesh for `request`, or null when a newer request came on the same channel meanwhile. */
  async request(request: MeshRequest, channel = 'default'): Promise<MeshOutcome | null> {
    const requestId = ++this.lastRequestId;
    this.latestByChannel.set(channel, requestId);
    const key = meshRequestKey(request);
    let outcome = this.cache.get(key);
    if (!outcome) {
      outcome = this.build(request);
      this.cache.set(key, outcome);
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    const answer = await outcome;
    if (!answer.ok) this.cache.delete(key); // a failure is not kept: it may be retried
    return this.latestByChannel.get(channel) === requestId ? answer : null;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const resolve of this.answers.values()) resolve({ ok: false, error: 'stopped' });
    this.answers.clear();
    this.cache.clear();
  }

  private build(request: MeshRequest): Promise<MeshOutcome> {
    const requestId = this.lastRequestId;
    const worker = this.ensureWorker();
    return new Promise((resolve) => {
      this.answers.set(requestId, resolve);
      worker.postMessage({ requestId, request });
    });
  }

  private ensureWorker(): MeshWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = ({ data }) => {
      const resolve = this.answers.get(data.requestId);
      this.answers.delete(data.requestId);
      resolve?.(data.outcome);
    };
    this.worker = worker;
    return worker;
  }
}

let shared: MeshClient | undefined;

/** The page's one mesh client (one Worker for every 3D panel). */
export function sharedMeshClient(): MeshClient {
  shared ??= new MeshClient();
  return shared;
}
