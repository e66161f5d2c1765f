import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { NOTICE_DETAIL_PAGE, noticeScene } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { WechatClient } from '../wechat/wechat.client';
import { WechatApiError, WechatTransportError } from '../wechat/wechat.errors';
import { NoticeFileCache } from './notice-file-cache';

/** 560 px: sharp at the 45 mm the poster prints it (about 300 dpi); WeChat allows 280–1280. */
export const NOTICE_CODE_WIDTH = 560;

/** What WeChat is asked for; part of the cache key, so changing it makes new codes. */
const CODE_PARAMS = { page: NOTICE_DETAIL_PAGE, width: NOTICE_CODE_WIDTH, envVersion: 'release' as const };
const PARAMS_TAG = createHash('sha256').update(JSON.stringify(CODE_PARAMS)).digest('hex').slice(0, 8);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chinese reasons for the WeChat errors that have a known cause; others get the generic one. */
const ERRCODE_REASONS: Record<number, string> = {
  40129: '场景参数无效',
  40169: '场景参数无效',
  41030: '小程序页面尚未发布到线上版本',
  45009: '今日生成次数已达上限',
  45011: '生成太频繁',
};

/** A WeChat failure as the 502 WECHAT_UNAVAILABLE the caller sees: what failed, in Chinese, with WeChat's code. */
export function codeFailure(err: WechatApiError | WechatTransportError): AppError {
  if (err instanceof WechatApiError) {
    const reason = ERRCODE_REASONS[err.errcode] ?? '微信服务返回错误';
    return new AppError('WECHAT_UNAVAILABLE', `小程序码生成失败：${reason}（微信错误码 ${err.errcode}），请稍后再试`);
  }
  return new AppError('WECHAT_UNAVAILABLE', '小程序码生成失败：暂时无法连接微信服务，请稍后再试');
}

/**
 * The mini-program code of a notice: getwxacodeunlimit for NOTICE_DETAIL_PAGE with the scene
 * `n=<id>`, asked of WeChat once per notice version and kept in the file cache. Concurrent requests
 * for the same code in one process share one WeChat call.
 */
@Injectable()
export class NoticeCodeService {
  private readonly logger = new Logger(NoticeCodeService.name);
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly wechat: WechatClient,
    private readonly cache: NoticeFileCache,
  ) {}

  async png(notice: { id: number; version: number }): Promise<Buffer> {
    const name = `v${notice.version}-${PARAMS_TAG}.png`;
    const key = `${notice.id}/${name}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.load(notice.id, name).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async load(noticeId: number, name: string): Promise<Buffer> {
    const cached = await this.cache.read('wxacode', noticeId, name);
    if (cached && cached.subarray(0, 8).equals(PNG_SIGNATURE)) return cached;
    const png = await this.fetch(noticeId);
    try {
      await this.cache.write('wxacode', noticeId, name, png);
    } catch (err) {
      // Serving the code matters more than keeping it: the next request asks WeChat again.
      this.logger.warn(`Could not cache the code of notice ${noticeId}: ${(err as Error).message}`);
    }
    return png;
  }

  private async fetch(noticeId: number): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await this.wechat.getWxaCodeUnlimit({ scene: noticeScene(noticeId), ...CODE_PARAMS });
    } catch (err) {
      if (err instanceof WechatApiError || err instanceof WechatTransportError) {
        const errcode = err instanceof WechatApiError ? err.errcode : err.kind;
        this.logger.warn(`getwxacodeunlimit failed for notice ${noticeId}: ${errcode}`);
        throw codeFailure(err);
      }
      throw err;
    }
    if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return bytes;
    // WeChat's answer is a JPEG for some accounts and settings: keep one format (PNG) for the route and the poster.
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
      try {
        return await sharp(bytes).png().toBuffer();
      } catch {
        // fall through: not a usable image
      }
    }
    this.logger.warn(`getwxacodeunlimit answered notice ${noticeId} with bytes that are not an image`);
    throw codeFailure(new WechatTransportError('parse', 'getwxacodeunlimit', 'not a PNG or JPEG image'));
  }
}
