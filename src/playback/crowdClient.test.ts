import { describe, expect, it, vi } from 'vitest';
import type { CrowdAnswer, CrowdFrame, CrowdRequest } from '../render/crowdPicture.ts';
import { CrowdClient, CrowdWorkerHost, type CrowdWorkerLike } from './crowdClient.ts';
import { madeWorkers } from './testWorkers.ts';

class FakeWorker implements CrowdWorkerLike {
  posted: CrowdRequest[] = [];
  onmessage: ((event: MessageEvent<CrowdAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(message: CrowdRequest): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The Worker's answers to canvas `id`'s frame: its arrays, then the step shown. */
  finish(id: number, frame: CrowdFrame): void {
    const answer = (data: CrowdAnswer) => this.onmessage!({ data } as MessageEvent<CrowdAnswer>);
    answer({ id, trails: frame.trails, heads: frame.heads });
    answer({ id, step: frame.step });
  }
}

const frame = (step: number) =>
  ({ step, trails: new Float64Array(4), heads: new Float64Array(2) }) as CrowdFrame;

function fakeCanvas() {
  return {
    dataset: {} as DOMStringMap,
    transferControlToOffscreen: vi.fn(() => ({ offscreen: true })),
  };
}

function setup() {
  const { workers, create } = madeWorkers(() => new FakeWorker());
  const host = new CrowdWorkerHost(create);
  const failures: string[] = [];
  const client = (canvas = fakeCanvas()) => ({
    canvas,
    client: new CrowdClient(
      canvas as unknown as HTMLCanvasElement,
      (reason) => failures.push(reason),
      host,
    ),
  });
  return { workers, client, failures };
}

describe('CrowdClient', () => {
  it('starts no Worker until a first frame, then hands each canvas over once', () => {
    const { workers, client } = setup();
    const a = client();
    expect(workers).toHaveLength(0);
    const first = frame(1);
    a.client.paint(first, () => {});
    expect(workers).toHaveLength(1);
    expect(workers[0].posted).toEqual([
      { id: 0, canvas: { offscreen: true } },
      { id: 0, frame: first },
    ]);
    workers[0].finish(0, first);
    a.client.paint(frame(2), () => {});
    // A second canvas (side by side) goes to the same Worker.
    client().client.paint(frame(1), () => {});
    expect(workers).toHaveLength(1);
    expect(a.canvas.transferControlToOffscreen).toHaveBeenCalledTimes(1);
    expect(workers[0].posted.map((m) => m.id)).toEqual([0, 0, 0, 1, 1]);
  });

  it('paints one frame at a time, gives each frame its arrays back, and says which step shows', () => {
    const { workers, client } = setup();
    const { canvas, client: painter } = client();
    const recycled: number[] = [];
    const first = frame(1);
    painter.paint(first, () => recycled.push(1));
    // A second layer's frame while the first is painted waits; a third replaces it, and the
    // second's arrays go back unpainted.
    painter.paint(frame(2), () => recycled.push(2));
    const third = frame(3);
    painter.paint(third, () => recycled.push(3));
    expect(recycled).toEqual([2]);
    expect(workers[0].posted).toHaveLength(2);
    workers[0].finish(0, first);
    expect(recycled).toEqual([2, 1]);
    expect(canvas.dataset.step).toBe('1');
    expect(workers[0].posted[2]).toEqual({ id: 0, frame: third });
    workers[0].finish(0, third);
    expect(recycled).toEqual([2, 1, 3]);
    expect(canvas.dataset.step).toBe('3');
  });

  it('releases a canvas when disposed, and stops the Worker with the last one', () => {
    const { workers, client } = setup();
    const a = client().client;
    const b = client().client;
    a.paint(frame(1), () => {});
    b.paint(frame(1), () => {});
    a.dispose();
    expect(workers[0].posted.at(-1)).toEqual({ id: 0, release: true });
    expect(workers[0].terminated).toBe(false);
    b.dispose();
    expect(workers[0].terminated).toBe(true);
    // A canvas painted after that starts a new Worker.
    client().client.paint(frame(1), () => {});
    expect(workers).toHaveLength(2);
  });
});

describe('CrowdClient when the Worker fails', () => {
  it('says why once per canvas, and takes frames without holding their arrays', () => {
    const { workers, client, failures } = setup();
    const painter = client().client;
    const recycled: number[] = [];
    painter.paint(frame(1), () => recycled.push(1));
    workers[0].onerror!({ message: 'script error', preventDefault: () => {} } as ErrorEvent);
    expect(failures).toEqual(['script error']);
    // The frame the Worker held is given up, so its layer can go on.
    expect(recycled).toEqual([1]);
    painter.paint(frame(2), () => recycled.push(2));
    expect(recycled).toEqual([1, 2]);
    expect(workers[0].posted).toHaveLength(2);
  });
});
