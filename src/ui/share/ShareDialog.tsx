/**
 * Share: the link to this scene, and the `<iframe>` code to embed it with a live preview. The
 * preview is the real embed, loaded from the same build, so what it shows is what a host gets.
 */
import { useId, useRef, useState } from 'react';
import { DEFAULT_EMBED_OPTIONS, embedQuery, type EmbedOptions } from '../../core/embed/options.ts';
import {
  EMBED_SIZE_LIMITS,
  iframeSnippet,
  RESPONSIVE_ASPECT,
  type EmbedSize,
} from '../../core/embed/snippet.ts';
import { encodeScene } from '../../core/scene/url.ts';
import { queryWithScene } from '../../state/urlSync.ts';
import { useApp, useServices } from '../appContext.ts';
import { copyText, COPY_MESSAGES } from './clipboard.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import './share.css';

function pageAddress(query: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${query}`;
}

function CopyButton({
  text,
  field,
  label,
  onResult,
}: {
  text: string;
  field: React.RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  label: string;
  onResult(message: string): void;
}) {
  return (
    <button
      type="button"
      onClick={async () => onResult(COPY_MESSAGES[await copyText(text, field.current)])}
    >
      {label}
    </button>
  );
}

export default function ShareDialog({ onClose }: { onClose(): void }) {
  const { controller } = useServices();
  const scene = useApp((s) => s.scene);
  const [options, setOptions] = useState<EmbedOptions>(DEFAULT_EMBED_OPTIONS);
  const [sizeKind, setSizeKind] = useState<EmbedSize['kind']>('fixed');
  const [width, setWidth] = useState(800);
  const [height, setHeight] = useState(500);
  const [status, setStatus] = useState('');
  const linkField = useRef<HTMLInputElement>(null);
  const snippetField = useRef<HTMLTextAreaElement>(null);
  const ids = useId();

  const sceneQuery = encodeScene(scene);
  const link = pageAddress(queryWithScene(window.location.search, sceneQuery));
  const embedSrc = pageAddress(embedQuery(sceneQuery, options));
  const size: EmbedSize =
    sizeKind === 'fixed' ? { kind: 'fixed', width, height } : { kind: sizeKind };
  const runs = scene.runs.filter((run) => run.visible).map((run) => run.label);
  const title = `Descent Lab: ${runs.join(', ')} on ${controller.surface.name}`;
  const snippet = iframeSnippet(embedSrc, title, size);
  const setOption = <K extends keyof EmbedOptions>(key: K, value: EmbedOptions[K]) =>
    setOptions((old) => ({ ...old, [key]: value }));
  const previewStyle: React.CSSProperties =
    sizeKind === 'fixed'
      ? { width: `min(100%, ${width}px)`, aspectRatio: `${width} / ${height}` }
      : { width: '100%', aspectRatio: RESPONSIVE_ASPECT };

  return (
    <ModalDialog title="Share" onClose={onClose} className="share-dialog">
      <section aria-labelledby={`${ids}-link`}>
        <h3 id={`${ids}-link`}>Link to this scene</h3>
        <div className="copy-row">
          <input
            ref={linkField}
            readOnly
            value={link}
            aria-label="Link"
            data-autofocus
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={link} field={linkField} label="Copy link" onResult={setStatus} />
        </div>
      </section>

      <section aria-labelledby={`${ids}-embed`}>
        <h3 id={`${ids}-embed`}>Embed in a page</h3>
        <div className="embed-options">
          <fieldset>
            <legend>Size</legend>
            <label>
              <input
                type="radio"
                name={`${ids}-size`}
                checked={sizeKind === 'responsive'}
                onChange={() => setSizeKind('responsive')}
              />
              Responsive (full width, 16:10)
            </label>
            <label>
              <input
                type="radio"
                name={`${ids}-size`}
                checked={sizeKind === 'fixed'}
                onChange={() => setSizeKind('fixed')}
              />
              Fixed
            </label>
            <label>
              Width
              <input
                type="number"
                min={EMBED_SIZE_LIMITS.width[0]}
                max={EMBED_SIZE_LIMITS.width[1]}
                value={width}
                disabled={sizeKind !== 'fixed'}
                onChange={(event) => setWidth(Number(event.currentTarget.value))}
              />
            </label>
            <label>
              Height
              <input
                type="number"
                min={EMBED_SIZE_LIMITS.height[0]}
                max={EMBED_SIZE_LIMITS.height[1]}
                value={height}
                disabled={sizeKind !== 'fixed'}
                onChange={(event) => setHeight(Number(event.currentTarget.value))}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Show</legend>
            <label>
              <input
                type="checkbox"
                checked={options.autoplay}
                onChange={(event) => setOption('autoplay', event.currentTarget.checked)}
              />
              Autoplay
            </label>
            <label>
              <input
                type="checkbox"
                checked={options.controls}
                onChange={(event) => setOption('controls', event.currentTarget.checked)}
              />
              Playback controls
            </label>
            <label>
              <input
                type="checkbox"
                checked={options.graph}
                onChange={(event) => setOption('graph', event.currentTarget.checked)}
              />
              Loss chart
            </label>
            <label>
              Theme
              <select
                value={options.theme}
                onChange={(event) =>
                  setOption('theme', event.currentTarget.value === 'dark' ? 'dark' : 'light')
                }
              >
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          </fieldset>
        </div>
        <div className="copy-row">
          <textarea
            ref={snippetField}
            readOnly
            value={snippet}
            rows={3}
            aria-label="Embed code"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton
            text={snippet}
            field={snippetField}
            label="Copy embed code"
            onResult={setStatus}
          />
        </div>
      </section>

      <p className="copy-status" role="status">
        {status}
      </p>

      <section aria-labelledby={`${ids}-preview`}>
        <h3 id={`${ids}-preview`}>Preview</h3>
        <div className="embed-preview">
          <iframe src={embedSrc} title="Embed preview" style={previewStyle} />
        </div>
      </section>
    </ModalDialog>
  );
}
