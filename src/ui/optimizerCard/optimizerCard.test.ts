import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../core/optimizers/registry.ts';
import { runFromPreset } from '../../core/scene/scene.ts';
import { loadStepExcerpt, SOURCE_FILES } from './stepSource.ts';
import { NOT_IN_TORCH, pythonValue } from '../../core/export/pytorch.ts';
import { cardText, torchLine } from './torchLine.ts';
import { UPDATE_RULES } from './updateRules.ts';

describe('optimizer cards', () => {
  it('torchLine writes lr, pairs and every non-default hyperparameter, in torch’s syntax', () => {
    expect(torchLine(runFromPreset('adam', 'r1'))).toBe(
      'torch.optim.Adam(params, lr=0.1, betas=(0.9, 0.999))',
    );
    expect(torchLine(runFromPreset('nesterov', 'r1'))).toBe(
      'torch.optim.SGD(params, lr=0.003, momentum=0.9, nesterov=True)',
    );
    const rmsprop = runFromPreset('rmsprop', 'r1');
    expect(torchLine({ ...rmsprop, params: { ...rmsprop.params, lr: 1e-8, centered: true } })).toBe(
      'torch.optim.RMSprop(params, lr=1e-8, centered=True)',
    );
    expect(pythonValue(false)).toBe('False');
    for (const name of NOT_IN_TORCH) {
      expect(torchLine({ optimizer: name, params: { lr: 0.1 } })).toBeNull();
    }
  });

  it('card text follows the run’s hyperparameters: SGD with momentum reads as Momentum', () => {
    const sgd = runFromPreset('sgd', 'r1');
    expect(cardText(sgd).description).toMatch(/^Steps straight down the slope/);
    expect(cardText({ ...sgd, params: { ...sgd.params, momentum: 0.5 } }).description).toMatch(
      /velocity/,
    );
    expect(cardText(runFromPreset('adam', 'r1')).pros).not.toBe('');
  });

  it.each(OPTIMIZERS.map((definition) => [definition.name] as const))(
    '%s has an update rule that KaTeX typesets without error, whose symbols are its hyperparameters',
    (name) => {
      const definition = OPTIMIZERS.find((each) => each.name === name)!;
      const rule = UPDATE_RULES[name];
      expect(rule).toBeDefined();
      expect(() => katex.renderToString(rule.latex, { throwOnError: true })).not.toThrow();
      const names = definition.params.map((spec) => spec.name);
      for (const [, param] of rule.symbols) expect(names).toContain(param);
    },
  );

  it.each(OPTIMIZERS.map((definition) => [definition.name] as const))(
    '%s: the card shows the TypeScript of the step it runs',
    async (name) => {
      expect(SOURCE_FILES[name]).toBeDefined();
      const excerpt = await loadStepExcerpt(name);
      expect(excerpt).not.toBeNull();
      expect(excerpt!.code).toMatch(/theta/);
      expect(excerpt!.code).toMatch(/\},?$/);
      // Braces balance: the cut neither stops early nor runs on into the next member.
      const opens = excerpt!.code.split('{').length;
      expect(excerpt!.code.split('}').length).toBe(opens);
    },
  );
});
