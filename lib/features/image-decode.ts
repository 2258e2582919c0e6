/**
 * Decode an image file to a size×size RGB Uint8 buffer with sharp.
 *
 * sharp detects the format from the bytes, not the extension (some Twitter
 * files are GIFs named .jpg). Animated GIFs: first frame. Alpha is dropped
 * (flattened on white would invent a background; we just drop the channel),
 * grey images are expanded to sRGB. Resize: `fit: 'fill'` — squash to the
 * square input like nsfwjs' own `resizeBilinear` does, no crop, so the whole
 * picture (often a screenshot with text) is seen.
 *
 * A file sharp cannot decode — random bytes, a truncated JPEG (libvips warns
 * "premature end of JPEG file"; `failOn: 'warning'` turns that into an
 * error), a missing file — is returned as `{ ok: false, reason }`: the caller
 * counts it and marks its posts image-missing. Never throws.
 */
import sharp from 'sharp';

export type Decoded = { ok: true; pixels: Uint8Array } | { ok: false; reason: string };

export type FailOn = 'none' | 'truncated' | 'error' | 'warning';

export async function decodeRgb(file: string, size: number, failOn: FailOn = 'warning'): Promise<Decoded> {
  try {
    const { data, info } = await sharp(file, { failOn, pages: 1 })
      .removeAlpha()
      .toColourspace('srgb')
      .resize(size, size, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== size * size * 3) {
      return { ok: false, reason: `decoded to ${info.width}×${info.height}×${info.channels}, expected ${size}×${size}×3` };
    }
    return { ok: true, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0] };
  }
}
