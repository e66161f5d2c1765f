import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { toSqlTime } from '../../notices/search/sql-time';
import { CreditsService } from '../credits.service';
import { checkWechatSignature } from './wechat-signature';
import { parsePushJson, readWechatPush, type SentReceipt, WechatPushError } from './wechat-push.parse';

export interface PushHandled {
  event: string;
  /** push_event rows written. */
  recorded: number;
  /** Outbox rows a receipt confirmed or failed. */
  outboxUpdated: number;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** WeChat's receipt codes that mean the resident refused (as opposed to a delivery failure). */
const USER_REFUSED = new Set([20004]);

/**
 * WeChat's message push (receipts and subscription switches), in plaintext JSON mode:
 * - every call carries `signature = sha1(sort(token, timestamp, nonce))`; a missing one is 401, a wrong
 *   one 403, and nothing is read or written before it is checked;
 * - `subscribe_msg_sent_event`: each receipt is recorded in push_event, and the outbox row with that
 *   msgid (and openid) is updated — `delivered_at` on success, `refused` (20004, the resident refused)
 *   or `failed` otherwise, with the code in last_error;
 * - `subscribe_msg_change_event`: recorded; `reject` switches the template off for the resident
 *   (CreditsService.switchOff: nothing more is sent), `accept` on again.
 * One transaction per push. Other events are acknowledged and ignored.
 */
@Injectable()
export class WechatEventsService {
  private readonly logger = new Logger('WechatEvents');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credits: CreditsService,
  ) {}

  /** Throws 401/403 unless the query carries WeChat's signature made with WECHAT_PUSH_TOKEN. */
  verify(query: Record<string, unknown>): void {
    const token = this.config.wechatPushToken;
    if (!token) throw new AppError('FORBIDDEN', '未配置微信消息推送 Token（WECHAT_PUSH_TOKEN），拒绝接收推送');
    const check = checkWechatSignature(token, query);
    if (check === 'missing') throw new AppError('UNAUTHENTICATED', '缺少微信推送签名（signature、timestamp、nonce）');
    if (check === 'mismatch') throw new AppError('FORBIDDEN', '微信推送签名不正确');
  }

  /** Reads and applies one push. `raw` is the body as received (msgids exact). */
  async handle(raw: string | undefined, parsed: unknown): Promise<PushHandled> {
    let body: unknown = parsed;
    if (raw !== undefined && raw.trim() !== '') {
      try {
        body = parsePushJson(raw);
      } catch {
        throw AppError.field('body', '消息体不是有效的 JSON');
      }
    }
    let push;
    try {
      push = readWechatPush(body);
    } catch (err) {
      if (err instanceof WechatPushError) throw new AppError('VALIDATION_FAILED', undefined, err.issues);
      throw err;
    }
    if (push.kind === 'other') return { event: push.event, recorded: 0, outboxUpdated: 0 };
    const now = toSqlTime(new Date());
    return this.db.transaction(async (m) => {
      if (push.kind === 'sent') {
        await this.record(
          m,
          push.receipts.map((r) => ['subscribe_msg_sent_event', push.openid, r.templateId, r.msgid, r.errorStatus, r.errorCode, now, r.raw]),
        );
        const updated = await this.applyReceipts(m, push.openid, push.receipts, now);
        return { event: 'subscribe_msg_sent_event', recorded: push.receipts.length, outboxUpdated: updated };
      }
      await this.record(
        m,
        push.changes.map((c) => ['subscribe_msg_change_event', push.openid, c.templateId, null, c.status, null, now, c.raw]),
      );
      for (const c of push.changes) {
        if (c.status === 'reject') await this.credits.switchOff(m, push.openid, c.templateId);
        else if (c.status === 'accept') await this.credits.switchOn(m, push.openid, c.templateId);
      }
      return { event: 'subscribe_msg_change_event', recorded: push.changes.length, outboxUpdated: 0 };
    });
  }

  private async record(m: EntityManager, rows: unknown[][]): Promise<void> {
    await m.query(
      `INSERT INTO push_event (event, openid, template_id, msgid, status, error_code, received_at, raw) VALUES ${rows.map(() => `(${marks(8)})`).join(', ')}`,
      rows.flat(),
    );
  }

  /** Updates the outbox rows the receipts name (by the msgid index, and only the resident's own rows). */
  private async applyReceipts(m: EntityManager, openid: string, receipts: SentReceipt[], now: string): Promise<number> {
    const runner = m.queryRunner!;
    let updated = 0;
    const delivered = receipts.filter((r) => r.errorCode === 0).map((r) => r.msgid);
    if (delivered.length) {
      const res = await runner.query(
        `UPDATE push_outbox SET delivered_at = ?, updated_at = ? WHERE msgid IN (${marks(delivered.length)}) AND openid = ? AND status = 'sent' AND delivered_at IS NULL`,
        [now, now, ...delivered, openid],
        true,
      );
      updated += Number(res.affected ?? 0);
    }
    for (const r of receipts.filter((x) => x.errorCode !== 0)) {
      const status = USER_REFUSED.has(r.errorCode) ? 'refused' : 'failed';
      const res = await runner.query(
        `UPDATE push_outbox SET status = ?, last_error = ?, updated_at = ? WHERE msgid = ? AND openid = ? AND status = 'sent'`,
        [status, `receipt ${r.errorCode} ${r.errorStatus}`.slice(0, 255), now, r.msgid, openid],
        true,
      );
      updated += Number(res.affected ?? 0);
    }
    if (updated < receipts.length) this.logger.warn(`${receipts.length - updated} of ${receipts.length} receipts named no outbox row still marked sent`);
    return updated;
  }
}
