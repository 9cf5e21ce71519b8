import { describe, expect, it } from 'vitest';
import { computeContours } from '../../core/contours/compute.ts';
import type { ContourWorkerRequest } from '../../core/contours/protocol.ts';
import type { ContourRequest } from '../../core/contours/request.ts';
import { ContourAnswers, type PictureCanvas } from './contourAnswers.ts';
import { recordingContext, type Call } from './recordingContext.ts';

const request: ContourRequest = {
  surface: { id: 'rosenbrock' },
  extent: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  width: 40,
  height: 40,
  scale: 'auto',
};
const size = { width: 200, height: 200, pixelRatio: 2, scale: 50 };

/** A canvas that records its drawing and hands out numbered bitmaps. */
function fakeCanvas() {
  const { context, calls } = recordingContext();
  const bitmaps: { number: number }[] = [];
  const canvas: PictureCanvas = {
    width: 1,
    height: 1,
    getContext: () => context,
    transferToImageBitmap: () => {
      bitmaps.push({ number: bitmaps.length });
      return bitmaps[bitmaps.length - 1] as unknown as ImageBitmap;
    },
  };
  return { canvas, calls, bitmaps };
}

const message = (requestId: number, extra: Partial<ContourWorkerRequest> = {}) => ({
  requestId,
  request,
  withBands: true,
  ...extra,
});

describe('ContourAnswers', () => {
  it('answers the bands as computeContours gives them, in buffers the kept bands do not share', () => {
    const answers = new ContourAnswers(() => null);
    const first = answers.answer(message(1));
    const second = answers.answer(message(2));
    const expected = computeContours(request);
    if (!first.response.outcome.ok || !second.response.outcome.ok || !expected.ok) {
      throw new Error('contours failed');
    }
    expect(first.response.outcome.bands).toEqual(expected.bands);
    expect(second.response.outcome.bands).toEqual(expected.bands);
    // Both answers' buffers are transferred away, so they must be two copies.
    expect(first.transfer).toHaveLength(4);
    expect(second.transfer.every((buffer) => !first.transfer.includes(buffer))).toBe(true);
  });

  it('paints the picture for the canvas, over the whole view, at its pixel ratio', () => {
    const { canvas, calls, bitmaps } = fakeCanvas();
    const answers = new ContourAnswers(() => canvas);
    const { response, transfer } = answers.answer(message(1, { picture: size }));
    expect(canvas.width).toBe(400);
    expect(canvas.height).toBe(400);
    expect(calls).toContainEqual(['setTransform', 2, 0, 0, 2, 0, 0]);
    // The lowest band covers the view: x from xMin, y from yMax, (4 units × 50 px) each way.
    expect(calls.find(([name]: Call) => name === 'fillRect')).toEqual(['fillRect', 0, 0, 200, 200]);
    expect(response.outcome.ok && response.outcome.picture).toBe(bitmaps[0]);
    expect(transfer).toContain(bitmaps[0]);
  });

  it('paints a view it has the bands of without sending them again', () => {
    const { canvas } = fakeCanvas();
    const answers = new ContourAnswers(() => canvas);
    answers.answer(message(1));
    const { response, transfer } = answers.answer(message(2, { picture: size, withBands: false }));
    expect(response.outcome).toMatchObject({ ok: true, bands: null });
    expect(transfer).toHaveLength(1);
  });

  it('answers the bands without a picture where there is no canvas to paint on', () => {
    const answers = new ContourAnswers(() => null);
    const { response } = answers.answer(message(1, { picture: size }));
    expect(response.outcome.ok && response.outcome.picture).toBeNull();
    expect(response.outcome.ok && response.outcome.bands).not.toBeNull();
  });

  it('answers an error as an outcome', () => {
    const answers = new ContourAnswers(() => null);
    const { response, transfer } = answers.answer({
      ...message(1),
      request: { ...request, surface: { expression: 'x +' } },
    });
    expect(response).toMatchObject({ requestId: 1, outcome: { ok: false } });
    expect(transfer).toEqual([]);
  });
});
