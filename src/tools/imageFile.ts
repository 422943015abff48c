import { extname } from 'node:path';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp']);

/** The API limit is 5 MB of base64 per image; base64 grows data by 4/3. */
export const MAX_IMAGE_BYTES = Math.floor((5 * 1024 * 1024 * 3) / 4);
/** Longer sides are downscaled: the models see no more detail, and large images cost many tokens. */
export const MAX_IMAGE_SIDE = 2000;
/** The API rejects images with a side above this, so without a resizer they cannot be sent at all. */
export const API_MAX_IMAGE_SIDE = 8000;

export interface ImageSize {
  width: number;
  height: number;
}

export function hasImageExtension(filePath: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(filePath).toLowerCase());
}

/**
 * The media type from the file's magic bytes, not its name: a `.png` that is really a JPEG must be
 * labelled as JPEG or the API rejects it.
 */
export function sniffImageMediaType(bytes: Uint8Array): string | undefined {
  const startsWith = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const riff = startsWith(0x52, 0x49, 0x46, 0x46);
  const webp = bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
  if (riff && webp) return 'image/webp';
  return undefined;
}

/**
 * Pixel size from the image header, without decoding, so an image that needs no resizing never
 * loads the image library. Undefined when the header is truncated or unusual.
 */
export function imageSizeFromHeader(bytes: Buffer, mediaType: string): ImageSize | undefined {
  try {
    switch (mediaType) {
      case 'image/png':
        return positive(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
      case 'image/gif':
        return positive(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
      case 'image/webp':
        return webpSize(bytes);
      case 'image/jpeg':
        return jpegSize(bytes);
      default:
        return undefined;
    }
  } catch {
    // A read past the end of a truncated file.
    return undefined;
  }
}

function positive(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function webpSize(bytes: Buffer): ImageSize | undefined {
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return positive(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = bytes.readUInt32LE(21);
    return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return positive(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
  return undefined;
}

/** Walks the JPEG segments up to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    // Markers without a length: TEM and RST0-7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return positive(bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5));
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return undefined;
}
