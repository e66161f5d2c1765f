import Taro from '@tarojs/taro';
import type { AttachmentDto, NoticeTableDto } from '@sunboard/shared';
import { ApiError, toApiError, toNetworkError } from '../lib/api-error';
import { absoluteUrl } from '../lib/files';
import { useSession } from '../stores/session';
import { apiBase, runReauth } from './http';

/**
 * Multipart uploads (photos, documents, xlsx 公示 lists) with progress, the bearer token and the same
 * one silent re-login on 401 as services/http.ts. weapp: Taro.uploadFile from a temp path. h5: the
 * picked File goes straight into an XMLHttpRequest (no round trip through a blob: URL).
 */
export interface PickedFile {
  /** Taro temp path (weapp wxfile://…, h5 blob:…), used for previews and by Taro.uploadFile. */
  path: string;
  /** The name to send (a photo from the camera gets one made up). */
  name: string;
  size?: number;
  /** h5: the File itself. */
  file?: Blob;
}

export type ProgressListener = (percent: number) => void;

const UPLOAD_TIMEOUT_MS = 120_000;

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function finish<T>(status: number, data: unknown): T {
  const body = parseBody(data);
  if (status >= 200 && status < 300) return body as T;
  throw toApiError(status, body);
}

function uploadH5<T>(url: string, picked: PickedFile & { file: Blob }, fields: Record<string, string>, token: string | null, onProgress?: ProgressListener): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', picked.file, picked.name);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      try {
        resolve(finish<T>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(toNetworkError({ errMsg: 'uploadFile:fail' }));
    xhr.ontimeout = () => reject(toNetworkError({ errMsg: 'uploadFile:fail timeout' }));
    xhr.send(form);
  });
}

async function uploadMini<T>(url: string, picked: PickedFile, fields: Record<string, string>, token: string | null, onProgress?: ProgressListener): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    const task = Taro.uploadFile({ url, filePath: picked.path, name: 'file', formData: fields, header, timeout: UPLOAD_TIMEOUT_MS });
    task.progress?.((p) => onProgress?.(p.progress));
    res = await task;
  } catch (err) {
    throw toNetworkError(err);
  }
  return finish<T>(res.statusCode, res.data);
}

function uploadOnce<T>(path: string, picked: PickedFile, fields: Record<string, string>, onProgress?: ProgressListener): Promise<T> {
  const url = absoluteUrl(apiBase, path);
  const token = useSession.getState().token;
  if (process.env.TARO_ENV === 'h5' && picked.file) return uploadH5<T>(url, picked as PickedFile & { file: Blob }, fields, token, onProgress);
  return uploadMini<T>(url, picked, fields, token, onProgress);
}

async function upload<T>(path: string, picked: PickedFile, fields: Record<string, string>, onProgress?: ProgressListener): Promise<T> {
  try {
    return await uploadOnce<T>(path, picked, fields, onProgress);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
    useSession.getState().dropToken();
    await runReauth();
    onProgress?.(0);
    return uploadOnce<T>(path, picked, fields, onProgress);
  }
}

/** A photo (JPEG/PNG/WebP ≤ 10 MB), PDF or xlsx (≤ 20 MB): the server sniffs the bytes, strips EXIF. */
export function uploadAttachment(picked: PickedFile, onProgress?: ProgressListener): Promise<AttachmentDto> {
  return upload<AttachmentDto>('/api/uploads', picked, {}, onProgress);
}

/** An xlsx 公示 list → the preview table, ID/phone/bank columns already masked; the file is not kept. */
export function importNoticeTable(picked: PickedFile, title?: string, onProgress?: ProgressListener): Promise<NoticeTableDto> {
  return upload<NoticeTableDto>('/api/notice-tables/import', picked, title ? { title } : {}, onProgress);
}

/**
 * A file only signed-in staff may read (an unpublished notice's photo) as a local path an <Image>
 * can show: weapp downloads it with the token; h5 fetches it into a blob: URL.
 */
export async function downloadWithAuth(path: string): Promise<string> {
  const url = absoluteUrl(apiBase, path);
  const token = useSession.getState().token;
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch (err) {
      throw toNetworkError(err);
    }
    if (!res.ok) throw toApiError(res.status, null);
    return URL.createObjectURL(await res.blob());
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch (err) {
    throw toNetworkError(err);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, null);
  return res.tempFilePath;
}
