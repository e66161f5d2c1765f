import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CaseClaimInput, caseClaimSchema, type CaseDetailDto } from '@sunboard/shared';
import type { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CaseEvent } from './case-event.entity';
import { CaseQueriesService } from './case-queries.service';
import { ServiceCase } from './service-case.entity';

/** Wrong claims on one case before it refuses claims for CLAIM_LOCK_MS. */
export const CLAIM_MAX_FAILURES = 5;
export const CLAIM_LOCK_MS = 60 * 60_000;

/** Names compare without spaces (全角 or not): “张 三” = “张三”. */
const sameName = (a: string, b: string) => a.replace(/[\s\u3000]/g, '') === b.replace(/[\s\u3000]/g, '');

/**
 * A resident links a case opened at the office to their account with the receipt's case number, the
 * applicant's name and the last 4 digits of the registered phone. Guessing is limited twice: per
 * account by the throttler on the route, and per case — after 5 wrong tries the case refuses claims
 * for an hour, whoever asks. Every wrong answer looks the same (no hint which part was wrong, or
 * whether the number exists), and a case already linked to someone else answers as a wrong claim.
 */
@Injectable()
export class CaseClaimService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly queries: CaseQueriesService,
  ) {}

  async claim(user: AuthUser, input: CaseClaimInput): Promise<CaseDetailDto> {
    const body = input as z.infer<typeof caseClaimSchema>;
    const now = this.clock.now();
    const repo = this.db.getRepository(ServiceCase);
    const c = await repo.findOneBy({ caseNo: body.caseNo });
    if (!c) throw new AppError('CASE_CLAIM_FAILED');
    if (c.applicantUserId === user.id) return this.queries.detail(user, c.id);
    if (c.claimLockedUntil && c.claimLockedUntil > now) throw new AppError('RATE_LIMITED', '该办件编号尝试次数过多，请 1 小时后再试，或到受理窗口查询');

    const phone = this.cipher.decrypt(c.applicantPhoneEnc);
    const matches = c.applicantUserId === null && sameName(c.applicantName, body.name) && phone.endsWith(body.phoneLast4);
    if (!matches) {
      const failures = c.claimFailures + 1;
      await repo.update({ id: c.id }, { claimFailures: failures, claimLockedUntil: failures >= CLAIM_MAX_FAILURES ? new Date(now.getTime() + CLAIM_LOCK_MS) : c.claimLockedUntil });
      throw new AppError('CASE_CLAIM_FAILED');
    }
    await inTransaction(this.db, async (tx) => {
      // Conditional: of two residents claiming at once, one wins.
      const result = await tx
        .createQueryBuilder()
        .update(ServiceCase)
        .set({ applicantUserId: user.id, claimFailures: 0, claimLockedUntil: null, updatedAt: now })
        .where('id = :id AND applicant_user_id IS NULL', { id: c.id })
        .execute();
      if (!result.affected) throw new AppError('CASE_CLAIM_FAILED');
      await tx.getRepository(CaseEvent).save(
        tx.getRepository(CaseEvent).create({ caseId: c.id, type: 'claimed', position: null, stepName: null, note: null, materials: null, dueOn: null, result: null, attachmentId: null, actorId: user.id, actorRole: 'resident', createdAt: now }),
      );
      await this.audit.record(tx, { actorId: user.id, action: 'case_claim', targetType: 'case', targetId: c.id, regionId: c.regionId, note: '居民凭办件编号认领', at: now });
    });
    return this.queries.detail(user, c.id);
  }
}
