import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toSqlTime } from '../notices/search/sql-time';
import { SubscribeCredit } from './entities/subscribe-credit.entity';
import { execute, isMysql } from './push-sql';

export type ConsumeResult = 'ok' | 'long_term' | 'none' | 'switched_off';

/**
 * A resident's permission to receive a template (`subscribe_credit`). Every method takes the caller's
 * EntityManager, so it runs inside the caller's transaction (the dispatcher's claim, a receipt).
 */
@Injectable()
export class CreditsService {
  /**
   * Takes one send's permission: 'long_term' (accepted, nothing to count), 'ok' (one one-time credit
   * used — an atomic `remaining = remaining - 1 … AND remaining > 0`, so two workers never spend the
   * same credit), 'switched_off' (the resident turned the template off) or 'none' (no credit left).
   */
  async consume(manager: EntityManager, userId: number, templateId: string): Promise<ConsumeResult> {
    const row = await manager.getRepository(SubscribeCredit).findOne({
      select: { remaining: true, longTerm: true, switchedOff: true },
      where: { userId, templateId },
    });
    if (!row) return 'none';
    if (row.switchedOff) return 'switched_off';
    if (row.longTerm) return 'long_term';
    const taken = await execute(
      manager,
      'UPDATE subscribe_credit SET remaining = remaining - 1, updated_at = ? WHERE user_id = ? AND template_id = ? AND remaining > 0 AND switched_off = ? AND long_term = ?',
      [toSqlTime(new Date()), userId, templateId, false, false],
    );
    return taken === 1 ? 'ok' : 'none';
  }

  /** WeChat said 43101 (no permission): whatever we counted is gone — one-time credits to 0, a long-term acceptance withdrawn. */
  async markSpent(manager: EntityManager, userId: number, templateId: string): Promise<void> {
    await execute(manager, 'UPDATE subscribe_credit SET remaining = 0, long_term = ?, updated_at = ? WHERE user_id = ? AND template_id = ?', [
      false,
      toSqlTime(new Date()),
      userId,
      templateId,
    ]);
  }

  /**
   * `subscribe_msg_change_event` with `reject`: the resident switched the template off in WeChat; no
   * more sends until they accept it again. Returns false when no user has this openid.
   */
  async switchOff(manager: EntityManager, openid: string, templateId: string): Promise<boolean> {
    return this.setSwitch(manager, openid, templateId, true);
  }

  /** `subscribe_msg_change_event` with `accept`: the template is on again (credits counted before still count). */
  async switchOn(manager: EntityManager, openid: string, templateId: string): Promise<boolean> {
    return this.setSwitch(manager, openid, templateId, false);
  }

  /**
   * The app's report of one requestSubscribeMessage (already validated): `accept` adds a one-time
   * credit or marks a long-term template accepted, and turns the template back on; `ban` turns it
   * off; `reject` and `filter` change nothing (credits from earlier accepts stay valid at WeChat).
   */
  async record(manager: EntityManager, userId: number, templateId: string, result: 'accept' | 'ban', longTerm: boolean): Promise<void> {
    const now = toSqlTime(new Date());
    const mysql = isMysql(manager);
    const upsert = (insert: { remaining: number; longTerm: boolean; switchedOff: boolean }, update: string) =>
      execute(
        manager,
        `INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off, updated_at) VALUES (?, ?, ?, ?, ?, ?) ` +
          (mysql ? `ON DUPLICATE KEY UPDATE ${update}` : `ON CONFLICT(user_id, template_id) DO UPDATE SET ${update}`),
        [userId, templateId, insert.remaining, insert.longTerm, insert.switchedOff, now],
      );
    const stamp = mysql ? 'updated_at = VALUES(updated_at)' : 'updated_at = excluded.updated_at';
    if (result === 'ban') {
      await upsert({ remaining: 0, longTerm: false, switchedOff: true }, `switched_off = 1, ${stamp}`);
    } else if (longTerm) {
      await upsert({ remaining: 0, longTerm: true, switchedOff: false }, `long_term = 1, switched_off = 0, ${stamp}`);
    } else {
      await upsert({ remaining: 1, longTerm: false, switchedOff: false }, `remaining = remaining + 1, switched_off = 0, ${stamp}`);
    }
  }

  private async setSwitch(manager: EntityManager, openid: string, templateId: string, off: boolean): Promise<boolean> {
    const users: Array<{ id: number }> = await manager.query('SELECT id FROM app_user WHERE openid = ?', [openid]);
    if (!users.length) return false;
    const userId = Number(users[0].id);
    const now = toSqlTime(new Date());
    const mysql = isMysql(manager);
    await execute(
      manager,
      `INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off, updated_at) VALUES (?, ?, 0, ?, ?, ?) ` +
        (mysql
          ? 'ON DUPLICATE KEY UPDATE switched_off = VALUES(switched_off), updated_at = VALUES(updated_at)'
          : 'ON CONFLICT(user_id, template_id) DO UPDATE SET switched_off = excluded.switched_off, updated_at = excluded.updated_at'),
      [userId, templateId, false, off, now],
    );
    return true;
  }
}
