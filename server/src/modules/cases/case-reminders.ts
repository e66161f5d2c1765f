import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '../push/outbox-writer';
import type { CaseReminderText } from './case-messages';
import { casePage } from './case-messages';
import type { ServiceCase } from './service-case.entity';

/**
 * Tells the applicant what happened (WeChat subscribe message + message centre), inside the step's
 * transaction, one message per timeline event (dedupe key `case:<id>:event:<eventId>`). A case not yet
 * linked to an account has no one to tell; the timeline shows everything once it is claimed.
 */
@Injectable()
export class CaseReminders {
  constructor(private readonly outbox: OutboxWriter) {}

  async toApplicant(tx: EntityManager, c: ServiceCase, regionName: string, eventId: number, text: CaseReminderText, at: Date): Promise<void> {
    if (c.applicantUserId === null) return;
    await this.outbox.enqueueOne(tx, {
      messageType: 'case_progress',
      userId: c.applicantUserId,
      dedupeKey: `case:${c.id}:event:${eventId}`,
      values: { caseType: c.typeName, step: text.step, updatedAt: at, note: text.note, region: regionName, caseNo: c.caseNo },
      page: casePage(c.id),
      title: text.title,
      body: text.body,
      regionId: c.regionId,
    });
  }
}
