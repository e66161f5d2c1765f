import Taro from '@tarojs/taro';
import { baseName } from '../lib/files';
import type { PickedFile } from './uploads';

/**
 * Picking files on the phone. Photos: WeChat's chooseMedia (camera or album, compressed); h5:
 * Taro's chooseImage (a file input; `capture` for the camera on phones). Documents in weapp come
 * from a chat (chooseMessageFile); h5 uses a plain <input type=file> in the page instead.
 * A cancelled pick is an empty list, not an error.
 */
const cancelled = (err: unknown) => /cancel|abort/i.test(String((err as { errMsg?: string })?.errMsg ?? err));

export async function pickPhotos(source: 'camera' | 'album', count: number): Promise<PickedFile[]> {
  const n = Math.max(1, Math.min(9, count));
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await Taro.chooseImage({ count: n, sourceType: [source], sizeType: ['compressed'] });
      return res.tempFiles.map((f, i) => {
        const file = (f as { originalFileObj?: File }).originalFileObj;
        return { path: f.path, name: file?.name || `照片${i + 1}.jpg`, size: f.size, file };
      });
    }
    const res = await Taro.chooseMedia({ count: n, mediaType: ['image'], sourceType: [source], sizeType: ['compressed'] });
    return res.tempFiles.map((f) => ({ path: f.tempFilePath, name: baseName(f.tempFilePath), size: f.size }));
  } catch (err) {
    if (cancelled(err)) return [];
    throw err;
  }
}

/** weapp: one file from a chat with one of the extensions (e.g. ['xlsx']). */
export async function pickChatFile(extensions: string[]): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
    const f = res.tempFiles[0];
    return f ? { path: f.path, name: f.name, size: f.size } : null;
  } catch (err) {
    if (cancelled(err)) return null;
    throw err;
  }
}

/** h5: a File from an <input type=file> as a PickedFile. */
export function pickedFromFile(file: File): PickedFile {
  return { path: '', name: file.name, size: file.size, file };
}
