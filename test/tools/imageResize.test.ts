import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { MAX_IMAGE_BYTES, imageSizeFromHeader } from '../../src/tools/imageFile.js';
import { fitImageForModel, fitInside, type SharpLoader } from '../../src/tools/imageResize.js';
import { readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

/** Random pixels do not compress: the PNG is about width × height × 3 bytes. */
const noisyPng = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();

const noSharp: SharpLoader = async () => undefined;
const failIfLoaded: SharpLoader = async () => assert.fail('the image library must not be loaded for an image within limits');

describe('imageSizeFromHeader', () => {
  it('reads the size of PNG, GIF, JPEG and both WebP flavours without decoding', async () => {
    assert.deepEqual(imageSizeFromHeader(await solid(31, 17).png().toBuffer(), 'image/png'), { width: 31, height: 17 });
    assert.deepEqual(imageSizeFromHeader(await solid(31, 17).gif().toBuffer(), 'image/gif'), { width: 31, height: 17 });
    assert.deepEqual(imageSizeFromHeader(await solid(31, 17).jpeg().toBuffer(), 'image/jpeg'), { width: 31, height: 17 });
    assert.deepEqual(imageSizeFromHeader(await solid(31, 17).webp().toBuffer(), 'image/webp'), { width: 31, height: 17 });
    assert.deepEqual(imageSizeFromHeader(await solid(31, 17).webp({ lossless: true }).toBuffer(), 'image/webp'), { width: 31, height: 17 });
  });

  it('gives up on truncated headers', async () => {
    const png = await solid(31, 17).png().toBuffer();
    assert.equal(imageSizeFromHeader(png.subarray(0, 12), 'image/png'), undefined);
    const jpeg = await solid(31, 17).jpeg().toBuffer();
    assert.equal(imageSizeFromHeader(jpeg.subarray(0, 30), 'image/jpeg'), undefined);
  });
});

describe('fitInside', () => {
  it('scales the longer side down to the limit and keeps the aspect ratio', () => {
    assert.deepEqual(fitInside({ width: 3000, height: 1500 }, 2000), { width: 2000, height: 1000 });
    assert.deepEqual(fitInside({ width: 1000, height: 4000 }, 2000), { width: 500, height: 2000 });
    assert.deepEqual(fitInside({ width: 800, height: 600 }, 2000), { width: 800, height: 600 });
  });
});

describe('fitImageForModel', () => {
  it('sends an image within limits as it is, without loading the image library', async () => {
    const bytes = await solid(640, 480).png().toBuffer();
    const fitted = await fitImageForModel(bytes, 'image/png', failIfLoaded);
    assert.ok(fitted.ok);
    assert.equal(fitted.bytes, bytes);
    assert.equal(fitted.resized, false);
    assert.deepEqual(fitted.final, { width: 640, height: 480 });
    assert.equal(fitted.note, undefined);
  });

  it('downscales a large PNG to 2000 pixels on its longer side, keeping PNG', async () => {
    const fitted = await fitImageForModel(await solid(3000, 1500).png().toBuffer(), 'image/png');
    assert.ok(fitted.ok);
    assert.equal(fitted.resized, true);
    assert.equal(fitted.mediaType, 'image/png');
    assert.deepEqual(fitted.original, { width: 3000, height: 1500 });
    assert.deepEqual(fitted.final, { width: 2000, height: 1000 });
    const decoded = await sharp(fitted.bytes).metadata();
    assert.deepEqual([decoded.format, decoded.width, decoded.height, decoded.isPalette], ['png', 2000, 1000, false]);
    assert.match(fitted.note ?? '', /downscaled from 3000x1500 to 2000x1000/);
  });

  it('keeps a large JPEG a JPEG', async () => {
    const fitted = await fitImageForModel(await solid(2400, 1200).jpeg().toBuffer(), 'image/jpeg');
    assert.ok(fitted.ok);
    assert.equal(fitted.mediaType, 'image/jpeg');
    assert.deepEqual(fitted.final, { width: 2000, height: 1000 });
  });

  it('recompresses an image whose size is fine but whose bytes are over the limit', async () => {
    const bytes = await noisyPng(1500, 1500);
    assert.ok(bytes.length > MAX_IMAGE_BYTES, 'the fixture must exceed the byte limit');
    const fitted = await fitImageForModel(bytes, 'image/png');
    assert.ok(fitted.ok);
    assert.ok(fitted.bytes.length <= MAX_IMAGE_BYTES);
    assert.match(fitted.note ?? '', /(recompressed at|downscaled from) 1500x1500/);
  });

  it('sends the first frame of a large animated GIF', async () => {
    const frames = await Promise.all(['#ff0000', '#0000ff'].map((background) => sharp({ create: { width: 2500, height: 100, channels: 3, background } }).png().toBuffer()));
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    const fitted = await fitImageForModel(gif, 'image/gif');
    assert.ok(fitted.ok);
    assert.deepEqual(fitted.final, { width: 2000, height: 80 });
    assert.match(fitted.note ?? '', /first frame/);
    const { dominant } = await sharp(fitted.bytes).stats();
    assert.ok(dominant.r > 200 && dominant.b < 50, 'the first (red) frame');
  });

  describe('without the image library', () => {
    it('sends an image under the byte limit at full size and says why', async () => {
      const bytes = await solid(3000, 1500).png().toBuffer();
      const fitted = await fitImageForModel(bytes, 'image/png', noSharp);
      assert.ok(fitted.ok);
      assert.equal(fitted.bytes, bytes);
      assert.equal(fitted.resized, false);
      assert.match(fitted.note ?? '', /3000x1500.*full size.*sharp is not available/);
    });

    it('refuses an image over the byte limit with a way out', async () => {
      const fitted = await fitImageForModel(await noisyPng(1500, 1500), 'image/png', noSharp);
      assert.equal(fitted.ok, false);
      assert.match(fitted.ok ? '' : fitted.message, /more than the 3\.8 MB.*sharp.*not installed.*resize 2000x2000/);
    });

    it('refuses an image wider than the API accepts', async () => {
      const fitted = await fitImageForModel(await solid(9000, 10).png().toBuffer(), 'image/png', noSharp);
      assert.equal(fitted.ok, false);
      assert.match(fitted.ok ? '' : fitted.message, /9000x10 pixels, more than the 8000/);
    });
  });
});

describe('Read of images', () => {
  it('downscales a large image and reports both sizes', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'wide.png');
    writeFileSync(path, await solid(4000, 1000).png().toBuffer());
    const ctx = makeContext(dir);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined);
    const blocks = result.content as Array<{ type: string; source?: { media_type: string; data: string } }>;
    assert.equal(blocks[0]!.type, 'image');
    const decoded = await sharp(Buffer.from(blocks[0]!.source!.data, 'base64')).metadata();
    assert.deepEqual([decoded.width, decoded.height], [2000, 500]);
    assert.match(textOf(result), /downscaled from 4000x1000 to 2000x500/);
    assert.deepEqual(
      (({ originalWidth, originalHeight, width, height, resized }) => ({ originalWidth, originalHeight, width, height, resized }))(result.data as Record<string, unknown>),
      { originalWidth: 4000, originalHeight: 1000, width: 2000, height: 500, resized: true },
    );
    assert.ok(ctx.readLedger.has(path));
  });
});
