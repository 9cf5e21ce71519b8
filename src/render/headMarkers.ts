/**
 * Moving heads as elements: each marker is a small canvas drawn once for its look and moved with a
 * CSS transform, on a compositor layer of its own. A frame then costs a few style writes instead of
 * clearing, redrawing and uploading a whole plot-sized canvas: in headless Chromium (software
 * compositing) producing and committing one 896×649 canvas per frame was ≈0.6 ms of main-thread
 * time at 1× CPU, more than the default scene's six markers were worth.
 */
import { clearCanvas, type Context2D } from './canvas.ts';
import { PresentedCanvas } from './presentedCanvas.ts';
import { traceMarker, type MarkerShape } from './runStyle.ts';

/** What a marker looks like; two markers with equal looks share nothing but are drawn the same. */
export interface MarkerLook {
  /** A run's head (filled shape, white edge) or ASGD's running average (hollow circle). */
  kind: 'head' | 'average';
  shape: MarkerShape;
  color: string;
  /** Radius in CSS px. */
  r: number;
  /** Line widths' scale (presentation mode draws thicker). */
  scale: number;
}

interface Marker {
  canvas: HTMLCanvasElement;
  picture: PresentedCanvas;
  /** The look painted on the canvas; null: paint it. */
  look: MarkerLook | null;
  /** Half the canvas's CSS size: the marker's centre from its top-left corner. */
  half: number;
  /** Its top-left corner as last written to its transform, in CSS px. */
  left: number;
  top: number;
  shown: boolean;
}

function sameLook(a: MarkerLook, b: MarkerLook): boolean {
  return (
    a.kind === b.kind &&
    a.shape === b.shape &&
    a.color === b.color &&
    a.r === b.r &&
    a.scale === b.scale
  );
}

/** Half the square a look needs, in CSS px: the largest shape's reach plus its edge. */
function halfSize({ kind, r, scale }: MarkerLook): number {
  const reach = kind === 'average' ? r : 1.25 * r;
  const edge = kind === 'average' ? 3.5 * scale : 1.5 * scale;
  return Math.ceil(reach + edge / 2 + 1);
}

/**
 * Draws the look and shows it on the marker's canvas as a bitmap where the browser can: a 2D canvas
 * is handed to the compositor again on every frame that commits, changed or not (six markers' worth
 * of that was ≈0.2 ms per frame at 1× in headless Chromium), a bitmap once.
 */
function paint(marker: Marker, look: MarkerLook, pixelRatio: number) {
  const side = 2 * marker.half;
  marker.canvas.style.width = marker.canvas.style.height = `${side}px`;
  const ctx = marker.picture.fit(side, side, pixelRatio);
  clearCanvas(ctx);
  drawLook(ctx, look, marker.half);
  marker.picture.presentWhole();
}

function drawLook(ctx: Context2D, look: MarkerLook, half: number) {
  ctx.beginPath();
  if (look.kind === 'average') {
    // The same strokes as the canvas version: a white halo, then the run's colour.
    ctx.arc(half, half, look.r, 0, 2 * Math.PI);
    ctx.lineWidth = 3.5 * look.scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.lineWidth = 1.75 * look.scale;
    ctx.strokeStyle = look.color;
    ctx.stroke();
    return;
  }
  traceMarker(ctx, look.shape, half, half, look.r);
  ctx.fillStyle = look.color;
  ctx.fill();
  ctx.lineWidth = 1.5 * look.scale;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}

export class HeadMarkers {
  private readonly markers: Marker[] = [];
  private used = 0;

  constructor(
    private readonly container: HTMLElement,
    private pixelRatio = 1,
  ) {}

  setPixelRatio(pixelRatio: number): void {
    if (pixelRatio === this.pixelRatio) return;
    this.pixelRatio = pixelRatio;
    for (const marker of this.markers) marker.look = null; // repainted at the new resolution
  }

  /** Starts a frame: markers placed before `end()` are shown, the rest hidden. */
  begin(): void {
    this.used = 0;
  }

  /**
   * Shows the next marker with `look`, centred at (x, y) in CSS px. Called per marker per frame: it
   * writes only what changed (and the caller may reuse one `look` object).
   */
  place(look: MarkerLook, x: number, y: number): void {
    const marker = this.markers[this.used] ?? this.create();
    this.used++;
    if (!marker.look || !sameLook(marker.look, look)) {
      marker.half = halfSize(look);
      paint(marker, look, this.pixelRatio);
      marker.look = { ...look };
    }
    // Whole device pixels, so a marker's edges stay as crisp as on a canvas.
    const left = Math.round((x - marker.half) * this.pixelRatio) / this.pixelRatio;
    const top = Math.round((y - marker.half) * this.pixelRatio) / this.pixelRatio;
    if (marker.left !== left || marker.top !== top) {
      marker.canvas.style.transform = `translate(${left}px, ${top}px)`;
      marker.left = left;
      marker.top = top;
    }
    if (!marker.shown) {
      marker.canvas.hidden = false;
      marker.shown = true;
    }
  }

  /** Hides the markers not placed this frame. */
  end(): void {
    for (let i = this.used; i < this.markers.length; i++) {
      const marker = this.markers[i];
      if (!marker.shown) continue;
      marker.canvas.hidden = true;
      marker.shown = false;
    }
  }

  /** Hides every marker (the heads are drawn on the canvas instead). */
  hide(): void {
    this.begin();
    this.end();
  }

  private create(): Marker {
    const canvas = document.createElement('canvas');
    canvas.className = 'head-marker';
    canvas.dataset.testid = 'head-marker';
    canvas.setAttribute('aria-hidden', 'true');
    this.container.append(canvas);
    const marker: Marker = {
      canvas,
      picture: new PresentedCanvas(canvas),
      look: null,
      half: 0,
      left: NaN,
      top: NaN,
      shown: true,
    };
    this.markers.push(marker);
    return marker;
  }
}
