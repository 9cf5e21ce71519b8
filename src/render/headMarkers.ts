/**
 * Moving heads, drawn on one small canvas over the box they span (boxCanvas.ts) on the frames they
 * move. Each look is drawn once, on a sprite, and copied into place; positions are whole device
 * pixels, so a marker's edges stay as crisp as when drawn in place.
 *
 * Why not a plot-sized canvas: producing and committing one 896×649 canvas per frame was ≈0.6 ms
 * of main-thread time at 1× CPU in headless Chromium (software compositing). Why not an element per
 * marker moved by a CSS transform, as before: Chromium hands a moved layer's transform to the
 * compositor directly only while a transform animation runs on it; a transform written from script
 * makes the page's compositor layers be worked out again (PaintArtifactCompositor::Update,
 * 0.6–0.8 ms at 1×, on every frame a head moved). In the default scene, 5 alternating loads each:
 * 3.06 → 2.71 ms of main-thread time a frame at 1×, 12.7 → 10.1 ms at 4×.
 */
import { BoxCanvas, PathBounds } from './boxCanvas.ts';
import { clearCanvas, fitSurface, type Context2D } from './canvas.ts';
import { traceMarker, type MarkerShape } from './runStyle.ts';

/** What a marker looks like; markers with equal looks are copies of one sprite. */
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

/** Half the square a look needs, in CSS px: the largest shape's reach plus its edge. */
function halfSize({ kind, r, scale }: MarkerLook): number {
  const reach = kind === 'average' ? r : 1.25 * r;
  const edge = kind === 'average' ? 3.5 * scale : 1.5 * scale;
  return Math.ceil(reach + edge / 2 + 1);
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

/** A look drawn once, at the markers' pixel ratio, and the half side of its square in CSS px. */
interface Sprite {
  image: CanvasImageSource;
  half: number;
}

function drawSprite(look: MarkerLook, pixelRatio: number): Sprite {
  const half = halfSize(look);
  const image =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(1, 1)
      : document.createElement('canvas');
  const ctx = fitSurface<Context2D>(image, 2 * half, 2 * half, pixelRatio);
  drawLook(ctx, look, half);
  return { image, half };
}

/** Where a marker goes this frame: its sprite's top-left corner in CSS px of the plot. */
interface Placement {
  sprite: Sprite;
  left: number;
  top: number;
}

export class HeadMarkers {
  private readonly box: BoxCanvas;
  private readonly sprites = new Map<string, Sprite>();
  /** This frame's placements (the first `used`), and those on the canvas: objects reused. */
  private readonly placements: Placement[] = [];
  private used = 0;
  private readonly drawn: Placement[] = [];
  private drawnCount = 0;
  /** The box this frame's markers span, reused frame to frame. */
  private readonly bounds = new PathBounds();

  constructor(
    container: HTMLElement,
    private pixelRatio = 1,
  ) {
    this.box = new BoxCanvas(container, 'head-marker-canvas', 'over');
    this.box.canvas.dataset.testid = 'head-marker';
  }

  setPixelRatio(pixelRatio: number): void {
    if (pixelRatio === this.pixelRatio) return;
    this.pixelRatio = pixelRatio;
    this.sprites.clear(); // drawn again at the new resolution
    this.drawnCount = -1;
  }

  /** Starts a frame: markers placed before `end()` are shown, the rest hidden. */
  begin(): void {
    this.used = 0;
  }

  /**
   * Shows the next marker with `look`, centred at (x, y) in CSS px. Called per marker per frame
   * (the caller may reuse one `look` object).
   */
  place(look: MarkerLook, x: number, y: number): void {
    const key = `${look.kind} ${look.shape} ${look.color} ${look.r} ${look.scale}`;
    let sprite = this.sprites.get(key);
    if (!sprite) {
      sprite = drawSprite(look, this.pixelRatio);
      this.sprites.set(key, sprite);
    }
    // Whole device pixels, so the sprite is copied without resampling.
    const left = Math.round((x - sprite.half) * this.pixelRatio) / this.pixelRatio;
    const top = Math.round((y - sprite.half) * this.pixelRatio) / this.pixelRatio;
    setPlacement(this.placements, this.used++, sprite, left, top);
  }

  /** Draws this frame's markers, unless the canvas shows them already. */
  end(): void {
    const { placements, used, drawn } = this;
    if (used === this.drawnCount && samePlacements(placements, drawn, used)) return;
    for (let i = 0; i < used; i++) {
      const { sprite, left, top } = placements[i];
      setPlacement(drawn, i, sprite, left, top);
    }
    this.drawnCount = used;
    if (used === 0) {
      this.box.clear();
      return;
    }
    const bounds = this.bounds;
    bounds.reset();
    for (let i = 0; i < used; i++) {
      const { sprite, left, top } = placements[i];
      bounds.moveTo(left, top);
      bounds.lineTo(left + 2 * sprite.half, top + 2 * sprite.half);
    }
    const { ctx, fresh } = this.box.cover(bounds, this.pixelRatio);
    if (!fresh) clearCanvas(ctx);
    for (let i = 0; i < used; i++) {
      const { sprite, left: x, top: y } = placements[i];
      ctx.drawImage(sprite.image, x, y, 2 * sprite.half, 2 * sprite.half);
    }
  }

  /** Hides every marker (the heads are drawn on the canvas instead). */
  hide(): void {
    this.begin();
    this.end();
  }
}

function setPlacement(list: Placement[], i: number, sprite: Sprite, left: number, top: number) {
  const placement = list[i];
  if (!placement) {
    list.push({ sprite, left, top });
    return;
  }
  placement.sprite = sprite;
  placement.left = left;
  placement.top = top;
}

function samePlacements(a: readonly Placement[], b: readonly Placement[], count: number): boolean {
  for (let i = 0; i < count; i++) {
    if (a[i].sprite !== b[i].sprite || a[i].left !== b[i].left || a[i].top !== b[i].top) {
      return false;
    }
  }
  return true;
}
