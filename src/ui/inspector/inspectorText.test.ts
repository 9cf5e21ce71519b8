import { describe, expect, it } from 'vitest';
import { AnatomyReplay } from '../../core/anatomy.ts';
import { analyzeCurvature } from '../../core/curvature.ts';
import { findPreset, resolvePreset } from '../../core/optimizers/presets.ts';
import { getSurface } from '../../core/surfaces/index.ts';
import { anatomyMagnification, inspectedPoint } from '../../render/inspectorLayer.ts';
import { defaultScene } from '../../core/scene/scene.ts';
import { anatomyText } from './anatomyText.ts';
import { curvatureText, directionWords } from './curvatureText.ts';

const at = (id: string, x: number, y: number) => analyzeCurvature(getSurface(id)!, x, y);

describe('curvatureText', () => {
  it("writes the saddle's worked example as the article does", () => {
    const text = curvatureText(at('saddle', 0, 0), 'pointer');
    expect(text.where).toBe('At the pointer (0, 0)');
    expect([text.h11, text.h12, text.h21, text.h22]).toEqual(['2', '0', '0', '-2']);
    expect([text.l1, text.l2]).toEqual(['2', '-2']);
    expect([text.bend1, text.bend2]).toEqual(['curves up', 'curves down']);
    expect(text.hv1).toBe('H·[1, 0] = [2, 0] = 2·[1, 0]');
    expect(text.hv2).toBe('H·[0, 1] = [0, -2] = -2·[0, 1]');
    expect(text.verdictLabel).toBe('Saddle point');
    expect(text.verdict).toMatch(/there is a way down/);
    expect(text.condition).toBe('1');
    expect(text.gradientNote).toBe('∇f = 0 here: a stationary point.');
  });

  it('calls the monkey saddle origin degenerate: H = 0 cannot tell which way is down', () => {
    const text = curvatureText(at('monkey_saddle', 0, 0), 'start');
    expect(text.where).toBe('At the start point (0, 0)');
    expect(text.verdictLabel).toBe('Degenerate');
    expect(text.verdict).toBe('The Hessian is zero: it cannot tell which way is down.');
    expect([text.bend1, text.bend2]).toEqual(['flat', 'flat']);
    expect(text.condition).toBe('undefined (H = 0)');
  });

  it('says where the gradient points when the point is not stationary, and still gives the shape', () => {
    const text = curvatureText(at('quadratic', 1, 1), 'pointer');
    expect(text.gradientNote).toBe(
      'Not a stationary point: the gradient points up and to the right, so descent heads down and to the left.',
    );
    expect(text.verdictLabel).toBe('Shaped like a minimum');
  });

  it("says curvature is infinite at Ackley's tip, with no NaN anywhere", () => {
    const text = curvatureText(at('ackley', 0, 0), 'pointer');
    expect(text.curvatureNote).toMatch(/^Curvature is infinite here/);
    expect(text.h11).toBe('∞');
    expect(text.finite).toBeUndefined();
    expect(Object.values(text).join(' ')).not.toMatch(/NaN|not a number/);
  });

  it('names eight directions, y up', () => {
    expect(directionWords([1, 0])).toBe('right');
    expect(directionWords([0, 1])).toBe('up');
    expect(directionWords([-1, -1])).toBe('down and to the left');
    expect(directionWords([-1, -1], true)).toBe('up and to the right');
    expect(directionWords([1, -0.1])).toBe('right');
  });
});

describe('anatomyText', () => {
  const elongated = getSurface('elongated')!;
  const replay = (preset: string) => {
    const { definition, params } = resolvePreset(findPreset(preset)!);
    return new AnatomyReplay({
      surface: elongated,
      optimizer: definition,
      params,
      start: [-4, 1],
      noise: { sigma: 0, seed: 1 },
    });
  };

  it("shows Adam's two learning rates and their ratio on the elongated ravine", () => {
    const text = anatomyText({
      index: 5,
      label: 'Adam',
      optimizer: 'Adam',
      result: replay('adam').at(0),
    });
    expect(text.title).toBe('Adam: step 0 → 1');
    expect([text.rateX, text.rateY]).toEqual(['0.25', '0.04']);
    expect(text.note).toBe(
      'x gets a 6.25× larger learning rate than y: each direction its own step size.',
    );
    expect(text.momentumPartLabel).toBe('remembered mean');
    expect(text.formula).toBe('step = −rate·((1−β₁)·g + β₁·m), rate = (lr/bc₁) / (√v̂/√bc₂ + ε).');
    expect(text.meanLabel).toMatch(/m̂/);
  });

  it('gives SGD one rate and no parts table rows beyond the step', () => {
    const text = anatomyText({
      index: 0,
      label: 'SGD',
      optimizer: 'SGD',
      result: replay('sgd').at(3),
    });
    expect(text.rateX).toBe(text.rateY);
    expect(text.gradientPartLabel).toBeUndefined();
    expect(text.note).toMatch(/^One learning rate/);
  });

  it('says what it shows for an optimizer it does not take apart, and for a diverged run', () => {
    const text = anatomyText({
      index: 0,
      label: 'NAdam',
      optimizer: 'NAdam',
      result: replay('nadam').at(3),
    });
    expect(text.note).toBe(
      "NAdam's update is shown whole: the step taken beside the plain gradient step −lr·g.",
    );
    const diverged = anatomyText({
      index: 0,
      label: 'SGD',
      optimizer: 'SGD',
      result: { ok: false, step: 40, divergedAt: 12 },
    });
    expect(diverged.status).toMatch(/^Diverged at step 12/);
  });
});

describe('inspector layer helpers', () => {
  it('inspects the pointer when there is one, else the start point', () => {
    const scene = defaultScene();
    expect(inspectedPoint(scene, [0.5, 1])).toEqual({ point: [0.5, 1], source: 'pointer' });
    expect(inspectedPoint(scene, null)).toEqual({ point: [1, 1.5], source: 'start' });
    expect(inspectedPoint({ ...scene, starts: { kind: 'random', count: 5 } }, null)).toBeNull();
  });

  it('magnifies anatomy arrows by a readable 1-2-5 factor', () => {
    expect(anatomyMagnification(100)).toBe(1);
    expect(anatomyMagnification(1)).toBe(100);
    expect(anatomyMagnification(3)).toBe(20);
    expect(anatomyMagnification(0.004)).toBe(20000);
    expect(anatomyMagnification(1000)).toBe(0.1);
    expect(anatomyMagnification(0)).toBe(1);
  });
});
