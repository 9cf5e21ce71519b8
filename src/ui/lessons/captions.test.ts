import { describe, expect, it } from 'vitest';
import { MISSING, parseCaption, renderCaption } from './captions.ts';
import { CHAPTERS } from './chapters.ts';
import { lessonApp } from './lessonTesting.ts';

describe('caption templates', () => {
  it('parseCaption splits text and bindings; runs are 1-based in the template', () => {
    expect(parseCaption('Momentum {momentum 2} at step {step}.')).toEqual([
      'Momentum ',
      { name: 'momentum', run: 1 },
      ' at step ',
      { name: 'step', run: null },
      '.',
    ]);
    expect(parseCaption('no bindings')).toEqual(['no bindings']);
  });

  it('a hyperparameter binding follows the slider: momentum 0.76 reads 0.76 at once', async () => {
    const { store, lessons, frame } = lessonApp();
    await lessons.openLesson(1);
    expect(renderCaption('Momentum {momentum 2}', frame())).toBe('Momentum 0.9');
    store.getState().setRunParam('r2', 'momentum', 0.76);
    expect(renderCaption('Momentum {momentum 2}', frame())).toBe('Momentum 0.76');
    store.getState().setRunParam('r1', 'lr', 0.02);
    expect(renderCaption('{label 1}: lr {lr 1}', frame())).toBe('Plain GD: lr 0.02');
  });

  it('numbers follow the simulation: step, distance moved and loss change as it plays', async () => {
    const { controller, lessons, frame } = lessonApp();
    await lessons.openLesson(2);
    expect(renderCaption('{step}: moved {moved 3}', frame())).toBe('0: moved 0');
    controller.seek(40);
    const adam = controller.simulation.runs[2];
    const moved = Math.hypot(
      adam.positions.get(40, 0) - adam.positions.get(0, 0),
      adam.positions.get(40, 1) - adam.positions.get(0, 1),
    );
    expect(renderCaption('{step}: moved {moved 3}', frame())).toBe(
      `40: moved ${Number(moved.toPrecision(4))}`,
    );
    expect(renderCaption('{where 1}', frame())).toBe('is crawling');
  });

  it('a removed run or a hyperparameter the optimizer lacks reads as a dash, never a wrong number', async () => {
    const { store, lessons, frame } = lessonApp();
    await lessons.openLesson(2);
    expect(renderCaption('{momentum 3}', frame())).toBe(MISSING); // Adam has no momentum
    store.getState().removeRun('r3');
    expect(renderCaption('{label 3} {loss 3}', frame())).toBe(`${MISSING} ${MISSING}`);
  });

  it('with many starts, where counts outcomes and loss gives the range', async () => {
    const { controller, lessons, frame } = lessonApp();
    await lessons.openLesson(1);
    await lessons.tryThis(1);
    controller.seek(controller.stepBudget);
    const where = renderCaption('{where 2}', frame());
    expect(where).toMatch(/^— of its 100 starts: \d+ in the global minimum/);
    const counts = [...where.slice('— of its 100 starts:'.length).matchAll(/(\d+) [a-z]/g)].map(
      (match) => Number(match[1]),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(renderCaption('{loss 1}', frame())).toMatch(/^-?[\d.]+ to -?[\d.]+$/);
  });

  it('every chapter caption renders without a leftover brace', async () => {
    for (const each of CHAPTERS) {
      const { controller, lessons, frame } = lessonApp();
      await lessons.openLesson(each.number);
      controller.seek(20);
      for (const template of each.captions)
        expect(renderCaption(template, frame())).not.toMatch(/[{}]/);
    }
  });
});
