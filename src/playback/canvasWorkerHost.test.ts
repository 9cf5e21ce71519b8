import { describe, expect, it, vi } from 'vitest';
import {
  CanvasWorkerHost,
  type CanvasHandover,
  type CanvasWorkerLike,
} from './canvasWorkerHost.ts';
import { madeWorkers } from './testWorkers.ts';

type Request = { id: number; draw: string };

class FakeWorker implements CanvasWorkerLike<Request> {
  posted: (Request | CanvasHandover)[] = [];
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(message: Request | CanvasHandover): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup() {
  const { workers, create } = madeWorkers(() => new FakeWorker());
  const failures: string[] = [];
  const host = new CanvasWorkerHost<Request>(create, 'it failed to load', (reason) =>
    failures.push(reason),
  );
  const canvas = () =>
    ({ transferControlToOffscreen: vi.fn(() => ({})) }) as unknown as HTMLCanvasElement;
  return { host, workers, failures, canvas };
}

describe('CanvasWorkerHost', () => {
  it('starts one Worker with the first canvas, releases each that goes and stops with the last', () => {
    const { host, workers, canvas } = setup();
    host.post({ id: 0, draw: 'before any canvas' });
    expect(workers).toHaveLength(0);
    const a = host.attach(canvas());
    const b = host.attach(canvas());
    host.post({ id: b, draw: 'b' });
    expect(workers).toHaveLength(1);
    expect(workers[0].posted.map((m) => Object.keys(m).join())).toEqual([
      'id,canvas',
      'id,canvas',
      'id,draw',
    ]);
    host.detach(a);
    host.detach(a); // twice: nothing more
    expect(workers[0].posted.at(-1)).toEqual({ id: a, release: true });
    expect(workers[0].posted).toHaveLength(4);
    expect(workers[0].terminated).toBe(false);
    host.detach(b);
    expect(workers[0].terminated).toBe(true);
    host.attach(canvas());
    expect(workers).toHaveLength(2);
  });

  it('says why the Worker failed, in its words or in the host’s', () => {
    const { host, workers, failures, canvas } = setup();
    host.attach(canvas());
    expect(host.failure).toBeNull();
    const preventDefault = vi.fn();
    workers[0].onerror!({ message: '', preventDefault } as unknown as ErrorEvent);
    expect(preventDefault).toHaveBeenCalled();
    expect(host.failure).toBe('it failed to load');
    workers[0].onerror!({ message: 'script error', preventDefault } as unknown as ErrorEvent);
    expect(failures).toEqual(['it failed to load', 'script error']);
  });
});
