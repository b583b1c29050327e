// The image formats the vendor takes, judged by the file's first bytes rather than
// its name or declared type (docs/vendor-api.md, image formats).

/** An image type the vendor takes. */
export type ImageMimeType = 'image/jpeg' | 'image/png';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes needed to judge a file's type. */
export const SNIFF_BYTES = PNG.length;

/** JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by magic bytes; null otherwise. */
export function sniffImage(head: Uint8Array): ImageMimeType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= PNG.length && PNG.every((b, i) => head[i] === b)) return 'image/png';
  return null;
}
