/**
 * The PyTorch line that builds the same optimizer as a run, from its current hyperparameters:
 * `torch.optim.Adam(params, lr=0.1, betas=(0.9, 0.999))`. The learning rate and pairs (betas) are
 * always written; other hyperparameters only where they differ from torch's defaults, which fill
 * in the rest exactly as they do here.
 */
import { NOT_IN_TORCH, pythonValue } from '../../core/export/pytorch.ts';
import { sameParamValue } from '../../core/optimizers/params.ts';
import { findOptimizer } from '../../core/optimizers/registry.ts';
import { findPreset, PRESETS, resolvePreset } from '../../core/optimizers/presets.ts';
import type { OptimizerText, ParamSpec, ParamValue } from '../../core/optimizers/types.ts';
import type { SceneRun } from '../../core/scene/scene.ts';

function shown(spec: ParamSpec, value: ParamValue): boolean {
  return spec.name === 'lr' || spec.kind === 'pair' || !sameParamValue(value, spec.default);
}

/** The line, or null for an optimizer torch.optim does not have. */
export function torchLine(run: Pick<SceneRun, 'optimizer' | 'params'>): string | null {
  const definition = findOptimizer(run.optimizer);
  if (!definition || NOT_IN_TORCH.has(definition.name)) return null;
  const args = definition.params
    .filter((spec) => run.params[spec.name] !== undefined && shown(spec, run.params[spec.name]))
    .map((spec) => `${spec.name}=${pythonValue(run.params[spec.name])}`);
  return `torch.optim.${definition.name}(${['params', ...args].join(', ')})`;
}

/**
 * The words for a run's card. Momentum and Nesterov are SGD with their own text, chosen by the
 * run's hyperparameters (so the card follows the momentum field); other presets by their label.
 */
export function cardText(run: Pick<SceneRun, 'optimizer' | 'params' | 'label'>): OptimizerText {
  const definition = findOptimizer(run.optimizer);
  if (!definition) return { description: '', pros: '', cons: '' };
  let preset = PRESETS.find(
    (candidate) =>
      candidate.optimizer === definition.name && candidate.label === run.label && candidate.text,
  );
  if (definition.name === 'SGD') {
    const momentum = (run.params.momentum as number) > 0;
    preset = momentum
      ? findPreset(run.params.nesterov === true ? 'nesterov' : 'momentum')
      : undefined;
  }
  if (preset) return resolvePreset(preset).text;
  return { description: definition.description, pros: definition.pros, cons: definition.cons };
}
