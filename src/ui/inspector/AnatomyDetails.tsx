import { useCallback, useRef } from 'react';
import { anatomyAt } from '../../playback/anatomySource.ts';
import { INSPECTOR_COLORS } from '../../render/inspectorLayer.ts';
import { runStyle } from '../../render/runStyle.ts';
import type { FrameState } from '../../playback/simulationController.ts';
import type { AnatomyResult } from '../../core/anatomy.ts';
import { useApp } from '../appContext.ts';
import { useTick } from '../useTick.ts';
import { ANATOMY_ROWS, anatomyText, type AnatomyRow } from './anatomyText.ts';
import { Legend } from './Legend.tsx';
import { writeSlots } from './slots.ts';
import { countRender } from '../renderCount.ts';

const ROW_COLORS: Partial<Record<AnatomyRow, string>> = {
  plain: INSPECTOR_COLORS.plain,
  gradientPart: INSPECTOR_COLORS.gradientPart,
  momentumPart: INSPECTOR_COLORS.momentumPart,
  decayPart: INSPECTOR_COLORS.decayPart,
};

/**
 * The numbers behind the anatomy arrows: gradient, per-coordinate learning rate, the plain step,
 * the parts and the step taken, for x and y. Recomputed only when the step on screen (or the run)
 * changed: the replay caches every answer.
 */
export default function AnatomyDetails({ runId, index }: { runId: string; index: number }) {
  countRender('AnatomyDetails');
  const box = useRef<HTMLDivElement>(null);
  const shown = useRef<{ result: AnatomyResult; label: string } | null>(null);
  const onTick = useCallback(
    (frame: FrameState) => {
      const anatomy = anatomyAt(frame, runId);
      if (!anatomy) return;
      const previous = shown.current;
      if (previous?.result === anatomy.result && previous.label === anatomy.label) return;
      shown.current = { result: anatomy.result, label: anatomy.label };
      writeSlots(box.current, anatomyText(anatomy));
    },
    [runId],
  );
  useTick(onTick);
  const runs = useApp((s) => s.scene.runs);
  const runColor = runStyle(runs, index).color;

  return (
    <div className="anatomy-details" ref={box} data-testid="anatomy-details">
      <p className="anatomy-title" data-slot="title" />
      <p className="inspector-where" data-slot="where" />
      <p className="inspector-note" data-slot="status" data-show="status" />
      <table className="anatomy-table" data-show="table" aria-label="Parts of the update">
        <thead>
          <tr>
            <td />
            <th scope="col">x</th>
            <th scope="col">y</th>
          </tr>
        </thead>
        <tbody>
          {ANATOMY_ROWS.map((row) => (
            <tr key={row} data-show={`${row}Label`} data-row={row}>
              <th
                scope="row"
                data-slot={`${row}Label`}
                style={{ borderLeftColor: row === 'update' ? runColor : ROW_COLORS[row] }}
              />
              <td data-slot={`${row}X`} />
              <td data-slot={`${row}Y`} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="anatomy-formula" data-slot="formula" data-show="formula" />
      <p className="anatomy-note" data-slot="note" data-testid="anatomy-note" />
      <Legend
        label="Anatomy arrows on the plot"
        entries={[
          { color: INSPECTOR_COLORS.plain, dash: '4 3', width: 2, label: 'plain step −lr·∇f' },
          { color: INSPECTOR_COLORS.gradientPart, label: 'this gradient' },
          { color: INSPECTOR_COLORS.momentumPart, label: 'momentum / memory' },
          { color: runColor, width: 3.5, label: 'step taken' },
        ]}
      />
      <p className="inspector-hint">
        The parts are drawn tip to tail and add up to the step. Steps are tiny, so all arrows are
        magnified by the factor written on the plot.
      </p>
    </div>
  );
}
