import { useCallback, useEffect, useRef } from 'react';
import { analyzeCurvature } from '../../core/curvature.ts';
import { inspectedPoint } from '../../render/inspectorLayer.ts';
import type { FrameState } from '../../playback/simulationController.ts';
import { useActions, useServices } from '../appContext.ts';
import { useTick } from '../useTick.ts';
import { curvatureText } from './curvatureText.ts';
import { CURVATURE_LEGEND, Legend } from './Legend.tsx';
import { writeSlots } from './slots.ts';
import { countRender } from '../renderCount.ts';

/**
 * The curvature inspector's readout: the Hessian at the pointer (or the start point), its
 * eigenvalues and eigenvectors, H·v = λ·v, the condition number and the verdict. Written through
 * refs on drawn frames, only when the inspected point changed.
 */
export default function CurvaturePanel() {
  countRender('CurvaturePanel');
  const { controller } = useServices();
  const actions = useActions();
  const panel = useRef<HTMLElement>(null);
  const shown = useRef('');

  const onTick = useCallback(
    (frame: FrameState) => {
      const inspected = inspectedPoint(frame.scene, controller.hover);
      const key = inspected
        ? `${frame.surface.key} ${inspected.source} ${inspected.point.join(' ')}`
        : 'none';
      if (key === shown.current) return;
      shown.current = key;
      if (!inspected) {
        writeSlots(panel.current, { empty: 'yes' });
        return;
      }
      const [x, y] = inspected.point;
      const analysis = analyzeCurvature(frame.surface.functions, x, y);
      writeSlots(panel.current, curvatureText(analysis, inspected.source));
    },
    [controller],
  );
  useTick(onTick);
  // A pointer move asks for a frame; the text follows on it.
  useEffect(() => controller.onHover(() => controller.invalidate()), [controller]);

  return (
    <section className="inspector-panel" aria-label="Curvature inspector" ref={panel}>
      <header className="inspector-header">
        <h2>Curvature</h2>
        <button
          type="button"
          className="small-button"
          onClick={() => actions.setInspect(false)}
          aria-label="Close the curvature inspector"
          title="Close"
        >
          ✕
        </button>
      </header>
      <p className="inspector-where" data-slot="where" data-testid="inspector-where" />
      <p className="inspector-hint" data-show="empty">
        Hover the plot to inspect a point.
      </p>
      <p className="inspector-hint">
        Hover the plot to inspect a point; away from it, this follows the start point (click the
        plot, or focus the start ring and use the arrow keys).
      </p>
      <p className="inspector-basics">
        <span>
          f = <b data-slot="value" />
        </span>
        <span>
          ∇f = <b data-slot="gradient" data-testid="inspector-gradient" />
        </span>
      </p>
      <p className="inspector-note" data-slot="gradientNote" data-testid="gradient-note" />
      <div className="hessian-row">
        <span className="hessian-name">H =</span>
        <table className="matrix" aria-label="Hessian matrix" data-testid="hessian-matrix">
          <tbody>
            <tr>
              <td data-slot="h11" />
              <td data-slot="h12" />
            </tr>
            <tr>
              <td data-slot="h21" />
              <td data-slot="h22" />
            </tr>
          </tbody>
        </table>
        <span className="hessian-caption">
          [[f<sub>xx</sub>, f<sub>xy</sub>],
          <br />
          [f<sub>xy</sub>, f<sub>yy</sub>]]
        </span>
      </div>
      <p className="inspector-note" data-slot="curvatureNote" data-show="curvatureNote" />
      <div data-show="finite">
        <table className="eigen-table" aria-label="Eigenvalues and eigenvectors">
          <thead>
            <tr>
              <td />
              <th scope="col">eigenvalue</th>
              <th scope="col">eigenvector</th>
              <th scope="col">along it, f</th>
            </tr>
          </thead>
          <tbody>
            {[1, 2].map((n) => (
              <tr key={n}>
                <th scope="row">{n === 1 ? 'λ₁, v₁' : 'λ₂, v₂'}</th>
                <td data-slot={`l${n}`} data-testid={`eigenvalue-${n}`} />
                <td data-slot={`v${n}`} />
                <td data-slot={`bend${n}`} />
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hv" data-slot="hv1" data-testid="hv-1" />
        <p className="hv" data-slot="hv2" data-testid="hv-2" />
        <p className="inspector-condition">
          Condition number |λ|<sub>max</sub> / |λ|<sub>min</sub>: <b data-slot="condition" />
        </p>
        <p className="verdict" data-testid="curvature-verdict">
          <strong data-slot="verdictLabel" />: <span data-slot="verdict" />
        </p>
      </div>
      <Legend entries={CURVATURE_LEGEND} label="Arrows on the plot" />
      <p className="inspector-hint">
        Arrow length ∝ |λ|, the longer arrow at a fixed length; a very short one is drawn a little
        longer so it stays visible.
      </p>
    </section>
  );
}
