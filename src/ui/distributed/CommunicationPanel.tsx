import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { compressionOf, describeCompression } from '../../core/distributed/compression.ts';
import { distributedSgd } from '../../core/distributed/distributedSgd.ts';
import { DistributedGradient } from '../../core/distributed/workers.ts';
import { CommunicationChart, type CommunicationUnit } from '../../render/communicationChart.ts';
import type { FrameState } from '../../playback/simulationController.ts';
import { useApp, useServices } from '../appContext.ts';
import { formatNumber } from '../format.ts';
import { RunMarker } from '../RunMarker.tsx';
import { useElementSize } from '../useElementSize.ts';
import { setText, useTick } from '../useTick.ts';
import './communication.css';
import { countRender } from '../renderCount.ts';

const CHART_HEIGHT = 330;

const UNITS: [CommunicationUnit, string][] = [
  ['values', 'Values'],
  ['bytes', 'Bytes'],
];

/** "this step 3 · so far 604 values · 6.6× fewer than dense", for one distributed run. */
function communicationText(frame: FrameState, index: number, unit: CommunicationUnit) {
  const run = frame.simulation.runs[index];
  const cluster = run?.gradientSource;
  if (!(cluster instanceof DistributedGradient)) return '';
  const step = Math.min(frame.step, run.steps);
  const perValue = unit === 'bytes' ? cluster.bytesPerValue : 1;
  const sent = cluster.meanValuesSent(step);
  const now = step > 0 ? sent - cluster.meanValuesSent(step - 1) : 0;
  const noun = unit === 'bytes' ? 'bytes' : 'values';
  let comparison = '';
  if (cluster.compression.mode !== 'dense' && step > 0) {
    const dense = cluster.denseValues(step) * (unit === 'bytes' ? 8 : 1);
    comparison =
      sent > 0
        ? ` · ${formatNumber(dense / (sent * perValue))}× fewer than dense`
        : ' · nothing sent yet';
  }
  return `this step ${formatNumber(now * perValue)} · so far ${formatNumber(sent * perValue)} ${noun}${comparison}`;
}

function CommunicationLine({
  label,
  index,
  unit,
  detail,
}: {
  label: string;
  index: number;
  unit: CommunicationUnit;
  detail: string;
}) {
  countRender('CommunicationLine');
  const numbers = useRef<HTMLSpanElement>(null);
  const onTick = useCallback(
    (frame: FrameState) => setText(numbers.current, communicationText(frame, index, unit)),
    [index, unit],
  );
  useTick(onTick);
  return (
    <li>
      <RunMarker index={index} size={12} />
      <strong>{label}</strong> <span className="communication-detail">({detail})</span>
      <br />
      <span ref={numbers} className="communication-numbers" data-testid="communication-numbers" />
    </li>
  );
}

/**
 * What the distributed runs send: a chart (drawn by the controller's frame loop, never by React)
 * and one live line of numbers per run.
 */
export default function CommunicationPanel() {
  countRender('CommunicationPanel');
  const { controller } = useServices();
  const runs = useApp(useShallow((s) => s.scene.runs));
  const [unit, setUnit] = useState<CommunicationUnit>('values');
  const headingId = useId();
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<CommunicationChart | null>(null);

  useEffect(() => {
    const chart = new CommunicationChart(canvas.current!);
    layer.current = chart;
    return controller.addDrawable(chart);
  }, [controller]);
  useEffect(() => {
    if (width <= 0) return;
    layer.current!.resize(width, CHART_HEIGHT, window.devicePixelRatio || 1);
    controller.invalidate(true);
  }, [controller, width]);
  useEffect(() => {
    layer.current!.unit = unit;
    controller.invalidate(true);
  }, [controller, unit]);

  const distributed = runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => run.optimizer === distributedSgd.name && run.visible);
  return (
    <section className="communication-panel" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>Communication</h2>
        <div className="communication-units" role="radiogroup" aria-label="Count">
          {UNITS.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`${headingId}-unit`}
                value={value}
                checked={unit === value}
                onChange={() => setUnit(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </header>
      <div ref={box} className="communication-chart">
        <canvas
          ref={canvas}
          style={{ width, height: CHART_HEIGHT }}
          role="img"
          aria-label="Chart of what the distributed runs send: per step, so far, and the loss against what was sent"
          data-testid="communication-canvas"
        />
      </div>
      {distributed.length === 0 ? (
        <p className="communication-hint">Show a distributed run to see what it sends.</p>
      ) : (
        <ul className="communication-lines">
          {distributed.map(({ run, index }) => (
            <CommunicationLine
              key={run.id}
              label={run.label}
              index={index}
              unit={unit}
              detail={`${describeCompression(compressionOf(run.params))}, ${run.params.workers} workers`}
            />
          ))}
        </ul>
      )}
      <p className="communication-hint">
        Per model, per step, all workers together. A value costs 8 bytes; thresholded and top-k
        messages add a 4-byte index to each.
      </p>
    </section>
  );
}
