import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartPicture, ChartRequest } from '../render/chartPicture.ts';
import { ChartWorkerHost, WorkerChartPainter, type ChartWorkerLike } from './chartWorkerHost.ts';
import { madeWorkers } from './testWorkers.ts';

class FakeWorker implements ChartWorkerLike {
  posted: { message: ChartRequest; transfer: Transferable[] }[] = [];
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(message: ChartRequest, transfer: Transferable[]): void {
    this.posted.push({ message, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
}

function fakeCanvas() {
  return { transferControlToOffscreen: vi.fn(() => ({ offscreen: true })) };
}

function setup() {
  const { workers, create } = madeWorkers(() => new FakeWorker());
  const host = new ChartWorkerHost(create);
  const chart = (canvas = fakeCanvas()) => ({
    canvas,
    painter: new WorkerChartPainter(canvas as unknown as HTMLCanvasElement, host),
  });
  return { workers, chart };
}

const picture = (values: Float64Array): ChartPicture => ({
  fontPx: 12,
  xLabels: true,
  left: 30,
  right: 580,
  top: 10,
  bottom: 180,
  end: 3,
  step: 3,
  range: { log: false, lo: 0, hi: 1, floor: null },
  series: [{ values, color: '#d55e00' }],
  stride: 1,
  marks: [],
});

describe('WorkerChartPainter', () => {
  beforeEach(() => {
    // Labels are measured on the page's thread, in a context of their own.
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext = () => ({ measureText: () => ({ width: 20 }) });
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('hands each canvas over once to one Worker, with its first size, then its pictures', () => {
    const { workers, chart } = setup();
    const { canvas, painter } = chart();
    expect(painter.measure).toBeNull();
    // Not while the chart mounts: the handover would force the page's layout there.
    expect(workers).toHaveLength(0);
    painter.resize(600, 200, 2);
    expect(painter.measure).not.toBeNull();
    const values = new Float64Array([1, 0.5, 0.25, 0.125]);
    const shown = values.subarray(0, 3);
    painter.paint(picture(shown));
    painter.paint(null);
    painter.resize(500, 200, 2);
    // A second chart (another view's) goes to the same Worker.
    chart().painter.resize(300, 100, 1);
    expect(workers).toHaveLength(1);
    expect(canvas.transferControlToOffscreen).toHaveBeenCalledTimes(1);
    const messages = workers[0].posted.map(({ message }) => message);
    expect(messages.map((m) => m.id)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(messages[1]).toEqual({ id: 0, size: { width: 600, height: 200, pixelRatio: 2 } });
    // The values shown go as a copy of their own, handed over: the page's series grow on.
    const sent = workers[0].posted[2];
    const [{ values: copy }] = (sent.message as { picture: ChartPicture }).picture.series;
    expect([...copy]).toEqual([1, 0.5, 0.25]);
    expect(copy.buffer).not.toBe(values.buffer);
    expect(sent.transfer).toEqual([copy.buffer]);
    expect(messages[3]).toEqual({ id: 0, picture: null });
  });

  it('says why nothing can be drawn once the Worker failed', () => {
    const { workers, chart } = setup();
    const { painter } = chart();
    painter.resize(600, 200, 1);
    expect(painter.failure).toBeNull();
    workers[0].onerror!({ message: 'script error', preventDefault: () => {} } as ErrorEvent);
    expect(painter.failure).toBe('script error');
  });
});
