import { useEffect, useId, useRef, useState } from 'react';
import { parseExpression } from '../core/expr/index.ts';
import { SURFACES } from '../core/surfaces/index.ts';
import { drawSurfaceThumbnail } from '../render/contourLayer.ts';
import { useActions, useApp } from './appContext.ts';

const CUSTOM = 'custom';

function Thumbnail({ surfaceId }: { surfaceId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => drawSurfaceThumbnail(canvas.current!, surfaceId, 40), [surfaceId]);
  return <canvas ref={canvas} className="thumbnail" width={40} height={40} aria-hidden="true" />;
}

/** Built-in surfaces with thumbnails, plus "Custom…" for a typed f(x, y) with inline errors. */
export function SurfacePicker() {
  const actions = useActions();
  const surface = useApp((s) => s.scene.surface);
  const current = 'id' in surface ? surface.id : CUSTOM;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(
    'expression' in surface ? surface.expression : '(1 - x)^2 + 100*(y - x^2)^2',
  );
  const [error, setError] = useState<{ message: string; start: number; end: number } | null>(null);
  const inputId = useId();
  const listId = useId();

  const applyExpression = (text: string) => {
    setDraft(text);
    const parsed = parseExpression(text);
    if (parsed.ok) {
      setError(null);
      actions.setSurface({ expression: text });
    } else {
      setError(parsed.error);
    }
  };

  const currentLabel =
    current === CUSTOM ? 'Custom' : (SURFACES.find((s) => s.id === current)?.name ?? current);
  return (
    <div className="surface-picker">
      <button
        type="button"
        className="surface-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span className="visually-hidden">Surface: </span>
        {current !== CUSTOM && <Thumbnail surfaceId={current} />}
        <span>{currentLabel}</span> ▾
      </button>
      {open && (
        <div className="surface-menu" id={listId} role="listbox" aria-label="Surface">
          {SURFACES.map((s) => (
            <button
              type="button"
              role="option"
              aria-selected={s.id === current}
              key={s.id}
              className="surface-option"
              title={s.blurb}
              onClick={() => {
                actions.setSurface({ id: s.id });
                setOpen(false);
              }}
            >
              <Thumbnail surfaceId={s.id} />
              <span>{s.name}</span>
            </button>
          ))}
          <button
            type="button"
            role="option"
            aria-selected={current === CUSTOM}
            className="surface-option"
            onClick={() => {
              applyExpression(draft);
              setOpen(false);
            }}
          >
            <span className="thumbnail custom-thumbnail" aria-hidden="true">
              f
            </span>
            <span>Custom…</span>
          </button>
        </div>
      )}
      {current === CUSTOM && (
        <div className="expression-field">
          <label htmlFor={inputId}>f(x, y) =</label>
          <input
            id={inputId}
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={draft}
            aria-invalid={error !== null}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(event) => applyExpression(event.currentTarget.value)}
          />
          {error && (
            <p id={`${inputId}-error`} className="field-error expression-error" role="alert">
              <span className="error-context" aria-hidden="true">
                {draft.slice(0, error.start)}
                <mark>{draft.slice(error.start, Math.max(error.end, error.start + 1)) || ' '}</mark>
                {draft.slice(Math.max(error.end, error.start + 1))}
              </span>
              {error.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
