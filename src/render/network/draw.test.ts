import { describe, expect, it } from 'vitest';
import { buildExperiment } from '../../core/nn/experiment.ts';
import { defaultNetworkSpec } from '../../core/nn/spec.ts';
import { dataExtent, DECISION_CELLS, decisionCellRows } from './draw.ts';

const experiment = buildExperiment(defaultNetworkSpec(), 1);
const region = dataExtent(experiment.data.train.inputs);
const cells = () =>
  ({ data: new Uint8ClampedArray(4 * DECISION_CELLS * DECISION_CELLS) }) as ImageData;

describe('decision cells', () => {
  it('are the same picture computed a few rows at a time as at once', () => {
    const whole = cells();
    decisionCellRows(whole, experiment.train, experiment.init, region, 0, DECISION_CELLS);
    const inChunks = cells();
    for (let row = 0; row < DECISION_CELLS; row += 5) {
      decisionCellRows(inChunks, experiment.train, experiment.init, region, row, row + 5);
    }
    expect(inChunks.data).toEqual(whole.data);
  });

  it('write only the rows asked for', () => {
    const secondRow = cells();
    decisionCellRows(secondRow, experiment.train, experiment.init, region, 1, 2);
    const rowAlphas = (row: number) =>
      Array.from(
        { length: DECISION_CELLS },
        (_, i) => secondRow.data[4 * (row * DECISION_CELLS + i) + 3],
      );
    expect(rowAlphas(0)).toEqual(Array<number>(DECISION_CELLS).fill(0));
    expect(rowAlphas(1)).toEqual(Array<number>(DECISION_CELLS).fill(255));
    expect(secondRow.data.subarray(4 * 2 * DECISION_CELLS).every((value) => value === 0)).toBe(
      true,
    );
  });
});
