/** The `<iframe>` code a person pastes into their page to embed a scene. */

export type EmbedSize = { kind: 'responsive' } | { kind: 'fixed'; width: number; height: number };

/** Fixed sizes a frame may have: the embed's layout holds down to 320 × 240. */
export const EMBED_SIZE_LIMITS = { width: [320, 4000], height: [240, 4000] } as const;

/** A responsive frame keeps this shape (the embed asks for a 16:10 plot plus its control strip). */
export const RESPONSIVE_ASPECT = '16 / 10';

function attribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function clamp(value: number, [min, max]: readonly [number, number]): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
}

/** One line of HTML: the frame with a title (for screen readers), no border, lazy loading. */
export function iframeSnippet(src: string, title: string, size: EmbedSize): string {
  const dimensions =
    size.kind === 'fixed'
      ? `width="${clamp(size.width, EMBED_SIZE_LIMITS.width)}" height="${clamp(size.height, EMBED_SIZE_LIMITS.height)}" style="border:0"`
      : `style="width:100%;aspect-ratio:${RESPONSIVE_ASPECT};min-height:240px;border:0"`;
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" ${dimensions} loading="lazy"></iframe>`;
}
