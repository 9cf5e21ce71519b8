import { useEffect, useId, useRef, useState } from 'react';
import { findOptimizer } from '../../core/optimizers/registry.ts';
import { useApp } from '../appContext.ts';
import { formatNumber } from '../format.ts';
import { RunMarker } from '../RunMarker.tsx';
import { closeOptimizerCard } from './cardState.ts';
import { Formula } from './Formula.tsx';
import { loadStepExcerpt, type StepExcerpt } from './stepSource.ts';
import { pythonValue } from '../../core/export/pytorch.ts';
import { cardText, torchLine } from './torchLine.ts';
import { UPDATE_RULES } from './updateRules.ts';
import './optimizerCard.css';

function useStepExcerpt(optimizer: string): StepExcerpt | null | 'loading' {
  const [excerpt, setExcerpt] = useState<{ optimizer: string; excerpt: StepExcerpt | null }>();
  useEffect(() => {
    let current = true;
    void loadStepExcerpt(optimizer).then((loaded) => {
      if (current) setExcerpt({ optimizer, excerpt: loaded });
    });
    return () => {
      current = false;
    };
  }, [optimizer]);
  return excerpt?.optimizer === optimizer ? excerpt.excerpt : 'loading';
}

/**
 * One optimizer, explained: its update rule as torch writes it (typeset with KaTeX), the values of
 * its symbols in this run, the PyTorch line that builds the same optimizer, its strengths and
 * weaknesses, and the TypeScript that actually runs. A modal dialog; Escape or ✕ closes it.
 */
export default function OptimizerCard({ runId }: { runId: string }) {
  const run = useApp((s) => s.scene.runs.find((candidate) => candidate.id === runId));
  const index = useApp((s) => s.scene.runs.findIndex((candidate) => candidate.id === runId));
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const definition = run ? findOptimizer(run.optimizer) : undefined;
  const excerpt = useStepExcerpt(definition?.name ?? '');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  // The run was removed while its card was open.
  useEffect(() => {
    if (!run) closeOptimizerCard();
  }, [run]);
  if (!run || !definition) return null;

  const rule = UPDATE_RULES[definition.name];
  const line = torchLine(run);
  const text = cardText(run);
  return (
    <dialog
      ref={dialog}
      className="optimizer-card"
      aria-labelledby={headingId}
      onClose={closeOptimizerCard}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      <div className="optimizer-card-content">
        <header>
          <RunMarker index={index} size={22} />
          <h2 id={headingId}>About {run.label}</h2>
          <span className="optimizer-class">{definition.name}</span>
          <button
            type="button"
            className="small-button"
            aria-label="Close"
            onClick={() => dialog.current?.close()}
          >
            ✕
          </button>
        </header>
        <p className="optimizer-description">{text.description}</p>
        <dl className="optimizer-verdict">
          <dt>Good at</dt>
          <dd>{text.pros}</dd>
          <dt>Struggles with</dt>
          <dd>{text.cons}</dd>
        </dl>

        <section aria-labelledby={`${headingId}-rule`}>
          <h3 id={`${headingId}-rule`}>Update rule</h3>
          {rule ? (
            <>
              <Formula latex={rule.latex} label={`Update rule of ${definition.name}`} />
              <ul className="symbol-values" aria-label="Symbols in this run">
                {rule.symbols
                  .filter(([, name]) => run.params[name] !== undefined)
                  .map(([symbol, name]) => {
                    const value = run.params[name];
                    return (
                      <li key={name}>
                        {symbol} = <code>{name}</code> ={' '}
                        <strong>
                          {typeof value === 'number' ? formatNumber(value) : pythonValue(value)}
                        </strong>
                      </li>
                    );
                  })}
              </ul>
              {run.schedule && (
                <p className="schedule-note" data-testid="schedule-note">
                  With <code>{run.schedule.name}</code>, γ is not a constant: before each step the
                  scheduler sets it (γ<sub>t</sub>, the lr that step uses, shown by the chart’s “lr”
                  series), and that is the γ in the rule above. <code>lr</code> is γ at step 0.
                </p>
              )}
            </>
          ) : (
            <p>No formula for {definition.name} yet.</p>
          )}
        </section>

        <section aria-labelledby={`${headingId}-torch`}>
          <h3 id={`${headingId}-torch`}>In PyTorch</h3>
          {line ? (
            <pre className="torch-line" data-testid="torch-line">
              <code>{line}</code>
            </pre>
          ) : (
            <p>
              {definition.name} is not part of <code>torch.optim</code>: it is Descent Lab’s own, to
              show an idea the article discusses.
            </p>
          )}
        </section>

        <section aria-labelledby={`${headingId}-code`}>
          <h3 id={`${headingId}-code`}>The code that runs</h3>
          {excerpt === 'loading' ? (
            <p>Loading…</p>
          ) : excerpt ? (
            <>
              <p className="code-file">
                From <code>src/core/{excerpt.file}</code>, as the simulation executes it:
              </p>
              {/* Focusable, so the keyboard can scroll a long excerpt. */}
              <pre className="step-code" tabIndex={0}>
                <code>{excerpt.code}</code>
              </pre>
            </>
          ) : (
            <p>The source of this step is not available.</p>
          )}
        </section>
      </div>
    </dialog>
  );
}
