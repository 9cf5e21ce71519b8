import type { Page } from '@playwright/test';

export interface DecodedPicture {
  width: number;
  height: number;
  /** Distinct colours among the pixels sampled. */
  colours: number;
  /** Pixels near the ink colour in the checked corner (0 without `ink`). */
  ink: number;
}

export interface PictureCheck {
  /** Sample every `stride`-th pixel for the colour count (1: all of them). */
  stride?: number;
  /**
   * A colour to count in the `width` × `height` px top-right corner (e.g. a legend's text), or the
   * bottom-right one.
   */
  ink?: { rgb: [number, number, number]; width: number; height: number; bottom?: boolean };
}

/**
 * A PNG as the browser decodes it from its bytes (the app's img-src 'self' refuses data: URLs, so
 * an exported file is checked the way a person's browser would open it).
 */
export function decodePicture(
  page: Page,
  png: Buffer,
  check: PictureCheck = {},
): Promise<DecodedPicture> {
  return page.evaluate(
    async ({ base64, stride, ink }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, image.width, image.height).data;
      const colours = new Set<number>();
      for (let p = 0; p < data.length; p += 4 * stride)
        colours.add((data[p] << 16) | (data[p + 1] << 8) | data[p + 2]);
      let inked = 0;
      if (ink) {
        const [r, g, b] = ink.rgb;
        const top = ink.bottom ? Math.max(0, image.height - ink.height) : 0;
        for (let y = top; y < Math.min(top + ink.height, image.height); y++) {
          for (let x = Math.max(0, image.width - ink.width); x < image.width; x++) {
            const p = 4 * (y * image.width + x);
            const distance =
              Math.abs(data[p] - r) + Math.abs(data[p + 1] - g) + Math.abs(data[p + 2] - b);
            if (distance < 60) inked++;
          }
        }
      }
      return { width: image.width, height: image.height, colours: colours.size, ink: inked };
    },
    { base64: png.toString('base64'), stride: check.stride ?? 1, ink: check.ink ?? null },
  );
}
