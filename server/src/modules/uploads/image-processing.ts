import sharp from 'sharp';
import { AppError } from '../../common/errors/app-error';
import { concurrencyLimit } from './limit-concurrency';

/** Largest decoded image accepted (48 MP phone photos pass); anything bigger is a decompression bomb. */
export const MAX_INPUT_PIXELS = 50_000_000;
export const DISPLAY_MAX_PX = 1280;
export const THUMB_MAX_PX = 320;

/** Photos decoded at once in this process (each decode may need a few hundred MB for a big photo). */
const decoding = concurrencyLimit(2);

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ProcessedImage {
  /** The whole picture, upright, re-encoded without any metadata (EXIF, GPS, XMP, comments). */
  original: Buffer;
  display: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

function encode(pipeline: sharp.Sharp, mime: ImageMime, quality: number): sharp.Sharp {
  if (mime === 'image/jpeg') return pipeline.jpeg({ quality, mozjpeg: true });
  if (mime === 'image/png') return pipeline.png({ compressionLevel: 9 });
  return pipeline.webp({ quality });
}

function tooManyPixels(size = ''): AppError {
  const reason = `图片像素过大${size}，最多 ${MAX_INPUT_PIXELS / 1_000_000} 百万像素`;
  return new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
}

/** sharp's failure as the API's: too many pixels (a decompression bomb) is 413, anything else an unreadable file. */
function imageError(err: unknown): AppError {
  if (/pixel limit/i.test((err as Error)?.message ?? '')) return tooManyPixels();
  return AppError.field('file', '图片无法读取，文件可能已损坏，请重新拍摄或选择');
}

/**
 * Decodes an image (refusing more than MAX_INPUT_PIXELS before decoding: a decompression bomb),
 * turns it upright by its EXIF orientation and re-encodes it in its own format without metadata,
 * plus a display copy (≤ 1280 px) and a thumbnail (≤ 320 px). Animated images keep their first frame.
 */
export function processImage(bytes: Buffer, mime: ImageMime): Promise<ProcessedImage> {
  return decoding(() => decodeAndEncode(bytes, mime));
}

async function decodeAndEncode(bytes: Buffer, mime: ImageMime): Promise<ProcessedImage> {
  const open = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).autoOrient();
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
  } catch (err) {
    throw imageError(err);
  }
  if (!meta.width || !meta.height) throw imageError(null);
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw tooManyPixels(`（${meta.width}×${meta.height}）`);
  try {
    // sharp drops all metadata unless asked to keep it (withMetadata/keepExif): nothing is kept here.
    const original = await encode(open(), mime, 90).toBuffer({ resolveWithObject: true });
    const resized = (px: number) => open().resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true });
    const [display, thumb] = await Promise.all([encode(resized(DISPLAY_MAX_PX), mime, 82).toBuffer(), encode(resized(THUMB_MAX_PX), mime, 75).toBuffer()]);
    return { original: original.data, display, thumb, width: original.info.width, height: original.info.height };
  } catch (err) {
    throw imageError(err);
  }
}
