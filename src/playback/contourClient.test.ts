import { describe, expect, it } from 'vitest';
import type { ContourBands } from '../core/contours/bands.ts';
import { ContourClient, type ContourWorkerLike } from './contourClient.ts';
import type { ContourWorkerRequest, ContourWorkerResponse } from '../core/contours/protocol.ts';
import type { ContourRequest } from '../core/contours/request.ts';

/** A worker that answers only when the test says so. */
class FakeWorker implements ContourWorkerLike {
  onmessage: ((event: MessageEvent<ContourWorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: ContourWorkerRequest[] = [];
  /** The pictures answered, in order. */
  pictures: ImageBitmap[] = [];
  terminated = false;

  postMessage(message: ContourWorkerRequest): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Answers as the worker does: the bands if asked for, a picture if asked for. */
  answer(index: number, outcome?: ContourWorkerResponse['outcome']): void {
    const { requestId, request, picture, withBands } = this.received[index];
    const bitmap = picture ? fakeBitmap() : null;
    if (bitmap) this.pictures.push(bitmap);
    const data: ContourWorkerResponse = {
      requestId,
      outcome: outcome ?? {
        ok: true,
        bands: withBands ? fakeBands(request) : null,
        picture: bitmap,
      },
    };
    this.onmessage?.({ data } as MessageEvent<ContourWorkerResponse>);
  }

  fail(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}

/** Stands in for real bands: the tests only check which request a result belongs to. */
function fakeBands(request: ContourRequest): ContourBands {
  return { extent: request.extent } as ContourBands;
}

/** Records whether it was closed: a picture nobody shows must free its pixels. */
function fakeBitmap(): ImageBitmap {
  const bitmap = { closed: false, close: () => (bitmap.closed = true) };
  return bitmap as unknown as ImageBitmap;
}

const SIZE = { width: 200, height: 200, pixelRatio: 1, scale: 50 };

function view(xMin: number): ContourRequest {
  return {
    surface: { id: 'rosenbrock' },
    extent: { xMin, xMax: xMin + 4, yMin: -1, yMax: 3 },
    width: 100,
    height: 100,
    scale: 'auto',
  };
}

function setUp() {
  const workers: FakeWorker[] = [];
  const client = new ContourClient({
    createWorker: () => {
      workers.push(new FakeWorker());
      return workers[workers.length - 1];
    },
    cacheEntries: 2,
  });
  return { client, workers };
}

describe('ContourClient', () => {
  it('creates no worker until the first request', () => {
    const { workers } = setUp();
    expect(workers).toHaveLength(0);
  });

  it('resolves the latest request and marks the ones it superseded stale', async () => {
    const { client, workers } = setUp();
    const first = client.request(view(0));
    const second = client.request(view(1));
    const third = client.request(view(2));
    // The second never reaches the worker: the third replaced it while the first was computing.
    expect(await second).toEqual({ status: 'stale' });
    workers[0].answer(0);
    expect(await first).toEqual({ status: 'stale' });
    expect(workers[0].received.map(({ request }) => request.extent.xMin)).toEqual([0, 2]);
    workers[0].answer(1);
    expect(await third).toEqual({ status: 'done', bands: fakeBands(view(2)) });
  });

  it('serves a repeated view from the cache without asking the worker', async () => {
    const { client, workers } = setUp();
    const first = client.request(view(0));
    workers[0].answer(0);
    const { status } = await first;
    expect(status).toBe('done');
    expect(client.peek(view(0))).toBeDefined();
    expect(await client.request(view(0))).toEqual({ status: 'done', bands: fakeBands(view(0)) });
    expect(workers[0].received).toHaveLength(1);
  });

  it('keeps only the most recently used entries', async () => {
    const { client, workers } = setUp();
    for (let i = 0; i < 3; i++) {
      const pending = client.request(view(i));
      workers[0].answer(i);
      await pending;
    }
    expect(client.peek(view(0))).toBeUndefined();
    expect(client.peek(view(1))).toBeDefined();
    expect(client.peek(view(2))).toBeDefined();
  });

  it('does not recompute a superseded view asked for again while it was computing', async () => {
    const { client, workers } = setUp();
    client.request(view(0));
    client.request(view(1));
    const again = client.request(view(0));
    workers[0].answer(0);
    expect(await again).toEqual({ status: 'done', bands: fakeBands(view(0)) });
    expect(workers[0].received).toHaveLength(1);
  });

  it('passes a computation error on', async () => {
    const { client, workers } = setUp();
    const pending = client.request({ ...view(0), surface: { expression: 'x +' } });
    workers[0].answer(0, { ok: false, error: 'missing operand' });
    expect(await pending).toEqual({ status: 'error', error: 'missing operand' });
  });

  it('replaces a worker that crashed and carries on with the waiting request', async () => {
    const { client, workers } = setUp();
    const first = client.request(view(0));
    workers[0].fail('worker failed to load');
    expect(await first).toEqual({ status: 'error', error: 'worker failed to load' });
    expect(workers[0].terminated).toBe(true);
    const second = client.request(view(1));
    expect(workers).toHaveLength(2);
    workers[1].answer(0);
    expect((await second).status).toBe('done');
  });

  it('keeps channels apart: each panel gets its own latest picture, computed once if shared', async () => {
    const { client, workers } = setUp();
    const left = client.request(view(0), 'left');
    const right = client.request(view(0), 'right');
    const other = client.request(view(1), 'other');
    workers[0].answer(0);
    expect(await left).toEqual({ status: 'done', bands: fakeBands(view(0)) });
    expect(await right).toEqual({ status: 'done', bands: fakeBands(view(0)) });
    expect(workers[0].received.map(({ request }) => request.extent.xMin)).toEqual([0, 1]);
    workers[0].answer(1);
    expect(await other).toEqual({ status: 'done', bands: fakeBands(view(1)) });
  });

  it('resolves everything pending as stale on dispose and stops the worker', async () => {
    const { client, workers } = setUp();
    const first = client.request(view(0));
    const second = client.request(view(1));
    client.dispose();
    expect(await first).toEqual({ status: 'stale' });
    expect(await second).toEqual({ status: 'stale' });
    expect(workers[0].terminated).toBe(true);
  });

  it('has every picture painted by the worker, from its own bands when the page has them', async () => {
    const { client, workers } = setUp();
    const first = client.picture(view(0), SIZE, 'left');
    expect(workers[0].received[0]).toMatchObject({ picture: SIZE, withBands: true });
    workers[0].answer(0);
    const shown = await first;
    expect(shown.status === 'done' && shown.bitmap).toBeTruthy();
    // A second panel of the same view: a picture of its own, without the bands sent back.
    const second = client.picture(view(0), SIZE, 'right');
    expect(workers[0].received[1]).toMatchObject({ picture: SIZE, withBands: false });
    workers[0].answer(1);
    const again = await second;
    expect(again.status === 'done' && again.bands).toEqual(fakeBands(view(0)));
    expect(again.status === 'done' && again.bitmap).toBeTruthy();
  });

  it('closes the picture of an answer nobody waits for any more', async () => {
    const { client, workers } = setUp();
    const first = client.picture(view(0), SIZE, 'panel');
    const second = client.picture(view(1), SIZE, 'panel');
    workers[0].answer(0);
    expect(await first).toEqual({ status: 'stale' });
    workers[0].answer(1);
    expect((await second).status).toBe('done');
    expect(
      workers[0].pictures.map((bitmap) => (bitmap as unknown as { closed: boolean }).closed),
    ).toEqual([true, false]);
  });
});
