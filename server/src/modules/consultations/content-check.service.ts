import { Injectable, Logger } from '@nestjs/common';
import { Mint } from 'mint-filter';
import { AppError } from '../../common/errors/app-error';
import { WechatClient } from '../wechat/wechat.client';
import { WechatApiError } from '../wechat/wechat.errors';
import { BUILT_IN_SENSITIVE_WORDS } from './sensitive-words';

/** What the checks decided about a text that may be stored. */
export interface ContentVerdict {
  /** pass: may be shown; review: a reviewer must look first; unavailable: WeChat could not check it (held too). */
  outcome: 'pass' | 'review' | 'unavailable';
  label: number | null;
  traceId: string | null;
}

/**
 * Every comment (and official reply) passes two checks before it is stored:
 * 1. the sensitive-word filter (mint-filter with BUILT_IN_SENSITIVE_WORDS): a hit is refused at once,
 *    naming the words so the resident can rephrase;
 * 2. WeChat msgSecCheck v2 (scene 2, comment) with the writer's openid: `risky` is refused, `review`
 *    is held for moderation, `pass` may be shown.
 * When WeChat cannot answer (down, 61010 "not seen in 2 hours", timeouts) the comment is not lost
 * and not shown: it is held for a reviewer (`unavailable`).
 */
@Injectable()
export class ContentCheckService {
  private readonly logger = new Logger('ContentCheck');
  private readonly mint: Mint;

  constructor(private readonly wechat: WechatClient) {
    this.mint = new Mint([...BUILT_IN_SENSITIVE_WORDS]);
  }

  /** The sensitive words found in `text` (empty when none). */
  sensitiveWords(text: string): string[] {
    return [...new Set(this.mint.filter(text, { replace: false }).words)];
  }

  /** Throws 422 CONTENT_REJECTED for a refused text; otherwise says whether it may be shown. */
  async check(text: string, openid: string, field = 'body'): Promise<ContentVerdict> {
    const words = this.sensitiveWords(text);
    if (words.length) {
      throw new AppError('CONTENT_REJECTED', `内容含有不允许发布的词语（${words.join('、')}），请修改后再提交`, [
        { path: field, reason: `含有不允许发布的词语：${words.join('、')}` },
      ]);
    }
    try {
      const r = await this.wechat.msgSecCheck({ content: text, openid, scene: 2 });
      if (r.suggest === 'risky') {
        throw new AppError('CONTENT_REJECTED', '内容未通过微信内容安全检查（可能含有违法违规、广告、辱骂等内容），没有保存，请修改后再提交', [
          { path: field, reason: '未通过微信内容安全检查' },
        ]);
      }
      return { outcome: r.suggest === 'review' ? 'review' : 'pass', label: r.label, traceId: r.traceId || null };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = err instanceof WechatApiError ? err.errcode : null;
      this.logger.warn({ errcode: code, err: (err as Error).message }, 'msgSecCheck unavailable; the comment is held for review');
      return { outcome: 'unavailable', label: null, traceId: null };
    }
  }
}
