import { describe, expect, it } from 'vitest';
import {
  computeMesh,
  type MeshRequest,
  type MeshWorkerRequest,
} from '../core/surface3d/compute.ts';
import { MeshClient, type MeshWorkerLike } from './meshClient.ts';

/** A Worker that answers when the test says so, computing in the test's thread. */
class FakeWorker implements MeshWorkerLike {
  onmessage: MeshWorkerLike['onmessage'] = null;
  readonly inbox: MeshWorkerRequest[] = [];
  postMessage(message: MeshWorkerRequest): void {
    this.inbox.push(message);
  }
  answerNext(): void {
    const { requestId, request } = this.inbox.shift()!;
    this.onmessage?.({ data: { requestId, outcome: computeMesh(request) } } as MessageEvent);
  }
  terminate(): void {}
}

const request = (id: string): MeshRequest => ({
  surface: { id },
  extent: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  cells: 20,
  contours: 'auto',
  heights: 'auto',
  levelCount: 20,
});

describe('MeshClient', () => {
  it('gives the newest request its mesh and an overtaken one null', async () => {
    const worker = new FakeWorker();
    let started = 0;
    const client = new MeshClient(() => (started++, worker));
    expect(started).toBe(0); // no Worker until 3D is used
    const first = client.request(request('rosenbrock'));
    const second = client.request(request('himmelblau'));
    worker.answerNext();
    worker.answerNext();
    expect(await first).toBeNull();
    const outcome = await second;
    expect(outcome?.ok && outcome.mesh.nx).toBe(20);
    expect(started).toBe(1);
  });

  it('builds a mesh asked for by two channels once', async () => {
    const worker = new FakeWorker();
    const client = new MeshClient(() => worker);
    const left = client.request(request('beale'), 'left');
    const right = client.request(request('beale'), 'right');
    expect(worker.inbox).toHaveLength(1);
    worker.answerNext();
    const [a, b] = await Promise.all([left, right]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
  });

  it('passes an unknown surface on as an error, not a throw', async () => {
    const worker = new FakeWorker();
    const client = new MeshClient(() => worker);
    const answer = client.request(request('no-such-surface'));
    worker.answerNext();
    expect(await answer).toEqual({ ok: false, error: 'no surface "no-such-surface"' });
  });
});
