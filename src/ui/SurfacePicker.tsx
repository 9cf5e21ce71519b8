import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { formulas } from '../core/scene/formulas.ts';
import type { SurfaceRef } from '../core/scene/scene.ts';
import { SURFACES } from '../core/surfaces/index.ts';
import { useActions, useApp } from './appContext.ts';
import { useNetworkScene } from './network/NetworkEntry.tsx';

/** The picker's value for a typed expression. */
export const CUSTOM = 'custom';
/** The picker's value for the network experiment (a small net's loss landscape). */
export const NETWORK = 'network';
const SurfaceMenu = lazy(() => import('./SurfaceMenu.tsx'));

/** Built-in surfaces with thumbnails, plus "Custom…" for a typed f(x, y) with inline errors. */
export function SurfacePicker() {
  const actions = useActions();
  const surface = useApp((s) => s.scene.surface);
  const network = useNetworkScene();
  const current = network.isOpen ? NETWORK : 'id' in surface ? surface.id : CUSTOM;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(
    'expression' in surface ? surface.expression : '(1 - x)^2 + 100*(y - x^2)^2',
  );
  const [error, setError] = useState<{ message: string; start: number; end: number } | null>(null);
  const inputId = useId();
  const listId = useId();
  const picker = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // The menu closes on Escape and on a click anywhere else.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!picker.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // A new surface is a new race: it plays from step 0 even if the last one had ended.
  const showSurface = async (surface: SurfaceRef) => {
    if (network.isOpen) await network.close();
    await actions.setSurface(surface);
    actions.play();
  };

  const latestDraft = useRef(draft);
  const applyExpression = async (text: string) => {
    setDraft(text);
    latestDraft.current = text;
    // The parser comes with the expression language, loaded on demand the first time.
    const { parseExpression } = await formulas.load();
    if (text !== latestDraft.current) return; // typed on meanwhile
    const parsed = parseExpression(text);
    if (parsed.ok) {
      setError(null);
      void showSurface({ expression: text });
    } else {
      setError(parsed.error);
    }
  };

  const currentLabel =
    current === CUSTOM
      ? 'Custom'
      : current === NETWORK
        ? 'Neural network'
        : (SURFACES.find((s) => s.id === current)?.name ?? current);
  return (
    <div className="surface-picker" ref={picker}>
      <button
        ref={button}
        type="button"
        className="surface-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span className="visually-hidden">Surface: </span>
        <span className="surface-button-label">{currentLabel}</span> ▾
      </button>
      {open && (
        <Suspense fallback={null}>
          <SurfaceMenu
            id={listId}
            current={current}
            onPick={(id) => {
              if (id === NETWORK) void network.open();
              else if (id === CUSTOM) void applyExpression(draft);
              else void showSurface({ id });
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
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
            onChange={(event) => void applyExpression(event.currentTarget.value)}
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
