/**
 * The list of built-in surfaces with contour thumbnails. Loaded only when the picker opens, so the
 * contouring code it needs stays out of the first download.
 */
import { useEffect, useRef } from 'react';
import { getSurface, SURFACES } from '../core/surfaces/index.ts';
import { drawSurfaceThumbnail } from '../render/contours/thumbnail.ts';
import { CUSTOM, NETWORK } from './SurfacePicker.tsx';

const THUMBNAIL_SIZE = 40;

function Thumbnail({ surfaceId }: { surfaceId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const surface = getSurface(surfaceId);
    if (!surface || !canvas.current) return;
    drawSurfaceThumbnail(canvas.current, surface, surface.view, {
      size: THUMBNAIL_SIZE,
      dpr: window.devicePixelRatio || 1,
    });
  }, [surfaceId]);
  return <canvas ref={canvas} className="thumbnail" aria-hidden="true" />;
}

interface SurfaceMenuProps {
  id: string;
  /** The selected surface id, CUSTOM or NETWORK. */
  current: string;
  onPick(id: string): void;
}

export default function SurfaceMenu({ id, current, onPick }: SurfaceMenuProps) {
  const list = useRef<HTMLDivElement>(null);
  // Focus the selected option so the keyboard can go on from there.
  useEffect(() => list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus(), []);
  return (
    <div className="surface-menu" id={id} role="listbox" aria-label="Surface" ref={list}>
      {SURFACES.map((s) => (
        <button
          type="button"
          role="option"
          aria-selected={s.id === current}
          key={s.id}
          className="surface-option"
          title={s.blurb}
          onClick={() => onPick(s.id)}
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
        onClick={() => onPick(CUSTOM)}
      >
        <span className="thumbnail custom-thumbnail" aria-hidden="true">
          f
        </span>
        <span>Custom…</span>
      </button>
      <button
        type="button"
        role="option"
        aria-selected={current === NETWORK}
        className="surface-option"
        title="Train a small neural network with every optimizer and race across its loss landscape"
        onClick={() => onPick(NETWORK)}
      >
        <span className="thumbnail custom-thumbnail" aria-hidden="true">
          NN
        </span>
        <span>Neural network…</span>
      </button>
    </div>
  );
}
