/**
 * A recorder of 2D drawing calls that writes SVG elements: paths become `<path>` (filled with their
 * fill rule, or stroked), `fillRect` a `<rect>`, text a `<text>`. Only what the export painters use
 * is supported: no transforms (drawing is in CSS pixels), full-circle arcs, no clipping or gradients.
 */
import type { PlotContext } from './plotContext.ts';

/** Two decimals: a hundredth of a pixel is finer than any screen or printer shows. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `rgba(…, a)` → colour and opacity attributes that SVG 1.1 readers understand. */
function paint(attribute: 'fill' | 'stroke', colour: string, alpha: number): string {
  const rgba = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(colour);
  const [value, opacity] = rgba
    ? [`rgb(${rgba[1]},${rgba[2]},${rgba[3]})`, Number(rgba[4]) * alpha]
    : [colour, alpha];
  return opacity < 1
    ? `${attribute}="${escapeXml(value)}" ${attribute}-opacity="${n(opacity)}"`
    : `${attribute}="${escapeXml(value)}"`;
}

const TEXT_ANCHOR: Record<string, string> = {
  left: 'start',
  start: 'start',
  center: 'middle',
  right: 'end',
  end: 'end',
};
const BASELINE: Record<string, string> = {
  top: 'hanging',
  hanging: 'hanging',
  middle: 'middle',
  alphabetic: 'alphabetic',
  ideographic: 'ideographic',
  bottom: 'text-after-edge',
};

/** Average glyph width of system sans-serif fonts, as a share of the font size (for measureText). */
const GLYPH_WIDTH = 0.56;

export class SvgContext implements PlotContext {
  readonly elements: string[] = [];
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  lineJoin: CanvasLineJoin = 'miter';
  lineCap: CanvasLineCap = 'butt';
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  private path: string[] = [];

  // Painters only save and restore around a device-pixel-ratio transform, which vector output has
  // no use for: coordinates stay in CSS pixels.
  save(): void {}
  restore(): void {}
  setTransform(): void {}

  beginPath(): void {
    this.path = [];
  }

  moveTo(x: number, y: number): void {
    this.path.push(`M${n(x)} ${n(y)}`);
  }

  lineTo(x: number, y: number): void {
    this.path.push(`L${n(x)} ${n(y)}`);
  }

  closePath(): void {
    this.path.push('Z');
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.path.push(`M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`);
  }

  /** Full circles only (markers): two half arcs, since SVG cannot draw a closed arc in one. */
  arc(x: number, y: number, r: number): void {
    this.path.push(
      `M${n(x + r)} ${n(y)}A${n(r)} ${n(r)} 0 1 1 ${n(x - r)} ${n(y)}A${n(r)} ${n(r)} 0 1 1 ${n(x + r)} ${n(y)}Z`,
    );
  }

  /** Fills the current path (Path2D objects are not supported and draw nothing). */
  fill(rule: CanvasFillRule | Path2D = 'nonzero'): void {
    if (this.path.length === 0) return;
    const fillRule = rule === 'evenodd' ? ' fill-rule="evenodd"' : '';
    this.elements.push(
      `<path d="${this.path.join('')}" ${paint('fill', String(this.fillStyle), this.globalAlpha)}${fillRule}/>`,
    );
  }

  stroke(): void {
    if (this.path.length === 0) return;
    this.elements.push(
      `<path d="${this.path.join('')}" fill="none" ${paint('stroke', String(this.strokeStyle), this.globalAlpha)} stroke-width="${n(this.lineWidth)}" stroke-linejoin="${this.lineJoin}" stroke-linecap="${this.lineCap}"/>`,
    );
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.elements.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${paint('fill', String(this.fillStyle), this.globalAlpha)}/>`,
    );
  }

  fillText(text: string, x: number, y: number): void {
    this.text(text, x, y, paint('fill', String(this.fillStyle), this.globalAlpha));
  }

  strokeText(text: string, x: number, y: number): void {
    this.text(
      text,
      x,
      y,
      `fill="none" ${paint('stroke', String(this.strokeStyle), this.globalAlpha)} stroke-width="${n(this.lineWidth)}" stroke-linejoin="round"`,
    );
  }

  measureText(text: string): TextMetrics {
    return { width: text.length * this.fontSize() * GLYPH_WIDTH } as TextMetrics;
  }

  private fontSize(): number {
    return Number(/([\d.]+)px/.exec(this.font)?.[1] ?? 10);
  }

  private text(text: string, x: number, y: number, style: string): void {
    const weight = /\b([6-9]00|bold)\b/.test(this.font) ? ' font-weight="600"' : '';
    this.elements.push(
      `<text x="${n(x)}" y="${n(y)}" font-size="${n(this.fontSize())}"${weight} text-anchor="${TEXT_ANCHOR[this.textAlign]}" dominant-baseline="${BASELINE[this.textBaseline]}" ${style}>${escapeXml(text)}</text>`,
    );
  }
}
