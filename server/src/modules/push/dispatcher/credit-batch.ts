import type { EntityManager } from 'typeorm';
import { toSqlTime } from '../../notices/search/sql-time';
import type { ConsumeResult } from '../credits.service';
import type { Dialect } from './outbox.sql';

export interface CreditRequest {
  /** The outbox row asking. */
  id: number;
  userId: number;
  templateId: string;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/**
 * `CreditsService.consume` for a whole claim at once, with the same answers as calling it for each
 * request in order (server/test/dispatcher.e2e-spec.ts checks the two agree on every state):
 * no row → 'none'; switched off → 'switched_off'; long-term → 'long_term'; else one one-time credit
 * taken → 'ok', or 'none' when none is left. Per template: one read of the residents' credit rows
 * (locked `FOR UPDATE` on MySQL/MariaDB, so concurrent claims queue on a shared resident rather than
 * both spending the last credit) and one UPDATE subtracting each resident's count — two statements
 * instead of two per message. Must run inside the claim's transaction.
 */
export async function consumeCredits(manager: EntityManager, dialect: Dialect, requests: readonly CreditRequest[]): Promise<Map<number, ConsumeResult>> {
  const out = new Map<number, ConsumeResult>();
  const byTemplate = new Map<string, CreditRequest[]>();
  for (const r of requests) {
    const list = byTemplate.get(r.templateId);
    if (list) list.push(r);
    else byTemplate.set(r.templateId, [r]);
  }
  const now = toSqlTime(new Date());
  // Sorted templates and ascending user ids: every claim locks in the same order (no deadlocks).
  for (const templateId of [...byTemplate.keys()].sort()) {
    const list = byTemplate.get(templateId)!;
    const userIds = [...new Set(list.map((r) => r.userId))].sort((a, b) => a - b);
    const lock = dialect === 'mysql' ? ' FOR UPDATE' : '';
    const rows: Array<{ user_id: number | string; remaining: number | string; long_term: unknown; switched_off: unknown }> = await manager.query(
      `SELECT user_id, remaining, long_term, switched_off FROM subscribe_credit WHERE template_id = ? AND user_id IN (${marks(userIds.length)}) ORDER BY user_id${lock}`,
      [templateId, ...userIds],
    );
    const state = new Map(rows.map((r) => [Number(r.user_id), { remaining: Number(r.remaining), longTerm: truthy(r.long_term), off: truthy(r.switched_off) }]));
    const taken = new Map<number, number>();
    for (const r of list) {
      const s = state.get(r.userId);
      let result: ConsumeResult;
      if (!s) result = 'none';
      else if (s.off) result = 'switched_off';
      else if (s.longTerm) result = 'long_term';
      else if (s.remaining > 0) {
        s.remaining -= 1;
        taken.set(r.userId, (taken.get(r.userId) ?? 0) + 1);
        result = 'ok';
      } else result = 'none';
      out.set(r.id, result);
    }
    if (taken.size) {
      const pairs = [...taken.entries()];
      await manager.query(
        `UPDATE subscribe_credit SET remaining = remaining - CASE user_id ${pairs.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END, updated_at = ? ` +
          `WHERE template_id = ? AND user_id IN (${marks(pairs.length)})`,
        [...pairs.flat(), now, templateId, ...pairs.map(([u]) => u)],
      );
    }
  }
  return out;
}
