import type { LabSpec } from '../../core/lab/spec.ts';
import { HESSIAN_GRADIENT_EQUIVALENTS } from '../../core/lab/spec.ts';
import type { LeaderboardRow, SweepResult } from '../../core/lab/score.ts';
import { formatNumber } from '../format.ts';
import { axisName, percent } from './format.ts';

/** Why a best row has no median: no swept setting kept half of its starts finite. */
const EVERY_LR_DIVERGED = 'no median: over half the starts diverged at every swept setting';

/** The comparison's rules, printed beside the table so the ranking can be judged. */
function Rules({ result, spec }: { result: SweepResult; spec: LabSpec }) {
  const newton = result.optimizers.find((o) => o.cost > 1);
  return (
    <ul className="lab-rules">
      <li>
        <strong>Budget:</strong>{' '}
        {spec.budget === 'steps'
          ? `${spec.steps} steps for every optimizer.`
          : `${spec.steps} gradient evaluations for every optimizer; a step of an optimizer that uses the Hessian counts as ${1 + HESSIAN_GRADIENT_EQUIVALENTS} (the gradient, plus the Hessian as one gradient difference per coordinate in 2D)${newton ? `, so ${newton.label} gets ${newton.steps} steps` : ''}.`}
      </li>
      <li>
        <strong>Starts:</strong> the same {result.starts} random points in the view (from the
        scene’s seed) for every optimizer and learning rate.
      </li>
      <li>
        <strong>Success:</strong> final loss ≤ {formatNumber(result.best)} +{' '}
        {formatNumber(spec.tol)}, where {formatNumber(result.best)} is{' '}
        {result.bestKnown
          ? 'the global minimum’s value'
          : 'the lowest loss any run reached (the surface lists no minimum)'}
        .
      </li>
      <li>
        <strong>Best lr:</strong> the swept
        {result.kind === 'heatmap' ? ' (lr, momentum/β₁) pair' : ' lr'} with the highest success
        rate among those where at most half the starts diverged (so it has a median loss); ties go
        to the lower median final loss.
      </li>
      <li>
        <strong>Time to tolerance:</strong> the first step from which the loss stays within
        tolerance until the end; the median over the successful starts.
      </li>
      <li>
        <strong>Diverged:</strong> a non-finite value, or the run left the view by 100 view sizes;
        counted as an infinite final loss.
      </li>
      <li>
        <strong>Rank:</strong> success rate, then median time to tolerance (in{' '}
        {spec.budget === 'steps' ? 'steps' : 'gradient evaluations'}), then median final loss.
      </li>
    </ul>
  );
}

export function Leaderboard({
  result,
  spec,
  onLoad,
}: {
  result: SweepResult;
  spec: LabSpec;
  onLoad(row: LeaderboardRow): void;
}) {
  const gradients = spec.budget === 'gradients';
  return (
    <section className="lab-leaderboard" aria-labelledby="lab-leaderboard-heading">
      <h3 id="lab-leaderboard-heading">Leaderboard: each optimizer at its best swept lr</h3>
      <div>
        <div className="lab-table">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Optimizer</th>
                <th scope="col">Best lr</th>
                <th scope="col">Success</th>
                <th scope="col">Median steps to tol.</th>
                {gradients && <th scope="col">Gradient evals</th>}
                <th scope="col">Median final loss</th>
                <th scope="col">Diverged</th>
                <th scope="col">
                  <span className="visually-hidden">Load</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.leaderboard.map((row, rank) => {
                const optimizer = result.optimizers[row.optimizer];
                const setting =
                  `lr ${formatNumber(row.lr)}` +
                  (row.axisValue === null
                    ? ''
                    : `, ${axisName(optimizer.axis)} ${formatNumber(row.axisValue)}`);
                return (
                  <tr key={optimizer.preset}>
                    <td>{rank + 1}</td>
                    <th scope="row">{optimizer.label}</th>
                    <td className="lab-setting">{setting.slice(3)}</td>
                    <td>{percent(row.success)}</td>
                    <td>
                      {Number.isNaN(row.medianStepsToTarget)
                        ? '—'
                        : formatNumber(row.medianStepsToTarget)}
                    </td>
                    {gradients && (
                      <td>
                        {Number.isNaN(row.medianStepsToTarget)
                          ? '—'
                          : formatNumber(row.medianStepsToTarget * optimizer.cost)}
                      </td>
                    )}
                    <td>
                      {row.medianFinalLoss < Infinity ? (
                        formatNumber(row.medianFinalLoss)
                      ) : (
                        <span title={EVERY_LR_DIVERGED}>
                          —<span className="visually-hidden">{EVERY_LR_DIVERGED}</span>
                        </span>
                      )}
                    </td>
                    <td>{percent(row.diverged)}</td>
                    <td>
                      <button
                        type="button"
                        className="small-button"
                        aria-label={`Load ${optimizer.label} at ${setting} into the main view`}
                        onClick={() => onLoad(row)}
                      >
                        Load
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Rules result={result} spec={spec} />
      </div>
    </section>
  );
}
