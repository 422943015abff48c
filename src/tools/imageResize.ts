// Fits an image within what the model accepts: at most MAX_IMAGE_SIDE pixels on its longer side and
// MAX_IMAGE_BYTES of data. sharp (an optional, native dependency) is loaded only when an image
// actually needs shrinking; without it, images already within the byte limit are sent as they are.
import type { Sharp, SharpOptions } from 'sharp';
import { API_MAX_IMAGE_SIDE, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, imageSizeFromHeader, type ImageSize } from './imageFile.js';

export type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;
export type SharpLoader = () => Promise<SharpFactory | undefined>;

export interface FittedImage {
  ok: true;
  bytes: Buffer;
  mediaType: string;
  /** Undefined only when the header could not be parsed and no resizer was needed. */
  original: ImageSize | undefined;
  final: ImageSize | undefined;
  resized: boolean;
  /** Said to the model when the image differs from the file or could not be checked. */
  note?: string;
}

export type FitOutcome = FittedImage | { ok: false; message: string };

/** The optional image library, or undefined when it is not installed or its binary does not load. */
export async function loadSharp(): Promise<SharpFactory | undefined> {
  try {
    const module = await import('sharp');
    return module.default as unknown as SharpFactory;
  } catch {
    return undefined;
  }
}

type Encoding = { format: 'png'; palette: boolean } | { format: 'jpeg'; quality: number };

/**
 * Lossless first for images that may hold text or transparency, unless even the scaled-down
 * original is clearly too large for that; JPEG photos stay JPEG.
 */
function encodingsFor(mediaType: string, estimatedLosslessBytes: number): Encoding[] {
  if (mediaType === 'image/jpeg') {
    return [
      { format: 'jpeg', quality: 85 },
      { format: 'jpeg', quality: 70 },
      { format: 'jpeg', quality: 55 },
    ];
  }
  const lossless: Encoding[] = estimatedLosslessBytes <= 2 * MAX_IMAGE_BYTES ? [{ format: 'png', palette: false }] : [];
  return [
    ...lossless,
    { format: 'png', palette: true },
    { format: 'jpeg', quality: 85 },
    { format: 'jpeg', quality: 65 },
  ];
}

/** If even the smallest encoding is too large at full target size, shrink further step by step. */
const SCALE_STEPS = [1, 0.75, 0.5, 0.35, 0.25];

export function fitInside(size: ImageSize, maxSide: number): ImageSize {
  const longest = Math.max(size.width, size.height);
  if (longest <= maxSide) return size;
  const scale = maxSide / longest;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const dimensions = (size: ImageSize) => `${size.width}x${size.height}`;

export async function fitImageForModel(bytes: Buffer, mediaType: string, load: SharpLoader = loadSharp): Promise<FitOutcome> {
  const header = imageSizeFromHeader(bytes, mediaType);
  const withinSide = header !== undefined && Math.max(header.width, header.height) <= MAX_IMAGE_SIDE;
  if (withinSide && bytes.length <= MAX_IMAGE_BYTES) {
    return { ok: true, bytes, mediaType, original: header, final: header, resized: false };
  }

  const sharp = await load();
  if (!sharp) return sendUnresized(bytes, mediaType, header);

  try {
    const metadata = await sharp(bytes, { failOn: 'error' }).metadata();
    const original: ImageSize = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
    // Only the header was unusual: the image itself is fine as it is.
    if (Math.max(original.width, original.height) <= MAX_IMAGE_SIDE && bytes.length <= MAX_IMAGE_BYTES) {
      return { ok: true, bytes, mediaType, original, final: original, resized: false };
    }
    return await shrink(sharp, bytes, mediaType, original, metadata.pages ?? 1);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The image could not be decoded for resizing (${message}). It may be corrupt or truncated.` };
  }
}

function sendUnresized(bytes: Buffer, mediaType: string, header: ImageSize | undefined): FitOutcome {
  const remedy =
    'Downscaling needs the optional image library sharp, which is not installed (or its native binary does not load). ' +
    'Make a smaller copy through Bash (for example `convert in.png -resize 2000x2000 out.png` with ImageMagick) and Read that.';
  if (bytes.length > MAX_IMAGE_BYTES) {
    return { ok: false, message: `The image is ${megabytes(bytes.length)}, more than the ${megabytes(MAX_IMAGE_BYTES)} the model accepts. ${remedy}` };
  }
  if (header && Math.max(header.width, header.height) > API_MAX_IMAGE_SIDE) {
    return { ok: false, message: `The image is ${dimensions(header)} pixels, more than the ${API_MAX_IMAGE_SIDE} pixels a side the model accepts. ${remedy}` };
  }
  const size = header ? `${dimensions(header)}, ` : '';
  return {
    ok: true,
    bytes,
    mediaType,
    original: header,
    final: header,
    resized: false,
    note: `[Image (${size}${megabytes(bytes.length)}) sent at full size: the optional image library sharp is not available to downscale it.]`,
  };
}

async function shrink(sharp: SharpFactory, bytes: Buffer, mediaType: string, original: ImageSize, frameCount: number): Promise<FitOutcome> {
  // Animated GIFs and WebPs: sharp reads the first frame only, which is what we send.
  const open = () => sharp(bytes, { failOn: 'error' }).autoOrient();
  const target = fitInside(original, MAX_IMAGE_SIDE);
  for (const scale of SCALE_STEPS) {
    const size = { width: Math.max(1, Math.round(target.width * scale)), height: Math.max(1, Math.round(target.height * scale)) };
    // Compressed size grows roughly with the pixel count.
    const estimate = (bytes.length * size.width * size.height) / (original.width * original.height);
    for (const encoding of encodingsFor(mediaType, estimate)) {
      const resized = open().resize(size.width, size.height, { fit: 'fill' });
      const encoded =
        encoding.format === 'png'
          ? resized.png(encoding.palette ? { palette: true, effort: 1 } : {})
          : resized.flatten({ background: '#ffffff' }).jpeg({ quality: encoding.quality });
      const output = await encoded.toBuffer();
      if (output.length > MAX_IMAGE_BYTES) continue;
      const outputType = `image/${encoding.format}`;
      const conversion = outputType === mediaType ? '' : `, re-encoded as ${encoding.format.toUpperCase()}`;
      const sameSize = size.width === original.width && size.height === original.height;
      const change = sameSize ? `recompressed at ${dimensions(size)}` : `downscaled from ${dimensions(original)} to ${dimensions(size)}`;
      const frames = frameCount > 1 ? ' (first frame of an animation)' : '';
      return {
        ok: true,
        bytes: output,
        mediaType: outputType,
        original,
        final: size,
        resized: true,
        note: `[Image ${change} (${megabytes(bytes.length)} → ${megabytes(output.length)})${conversion}${frames} to fit the model's limits.]`,
      };
    }
  }
  return { ok: false, message: `The image (${dimensions(original)}) could not be compressed below ${megabytes(MAX_IMAGE_BYTES)}.` };
}
