import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { type FieldIssue, PUSH_MESSAGE_TYPE_LABELS, type PushCreditDto, type ReportCreditsInput } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { CreditsService } from '../push/credits.service';
import { SubscribeCredit } from '../push/entities/subscribe-credit.entity';
import { PushTemplates } from '../push/push-templates';

/**
 * What a resident allowed WeChat to send them, per message type: the app reports each
 * requestSubscribeMessage result here and shows 还可提醒 N 次 from `list`.
 */
@Injectable()
export class SubscriptionCreditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: PushTemplates,
    private readonly credits: CreditsService,
  ) {}

  async list(userId: number): Promise<{ items: PushCreditDto[] }> {
    const all = this.templates.all();
    const rows = await this.db.getRepository(SubscribeCredit).find({ where: { userId, templateId: In([...new Set(all.map((t) => t.templateId))]) } });
    const byId = new Map(rows.map((r) => [r.templateId, r]));
    return {
      items: all.map((t) => {
        const row = byId.get(t.templateId);
        return {
          messageType: t.messageType,
          label: PUSH_MESSAGE_TYPE_LABELS[t.messageType],
          templateId: t.templateId,
          longTerm: t.longTerm,
          remaining: row ? Number(row.remaining) : 0,
          accepted: !!row?.longTerm,
          switchedOff: !!row?.switchedOff,
        };
      }),
    };
  }

  /**
   * Records requestSubscribeMessage's results (accept → one more one-time credit, or a long-term
   * template accepted; ban → switched off; reject and filter change nothing) in one transaction.
   * A template id no message type uses is 400 naming `results.<id>`, and nothing is written.
   */
  async report(userId: number, input: ReportCreditsInput): Promise<{ items: PushCreditDto[] }> {
    const unknown: FieldIssue[] = Object.keys(input.results)
      .filter((id) => !this.templates.byTemplateId(id))
      .map((id) => ({ path: `results.${id}`, reason: `模板 ${id} 未配置` }));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', undefined, unknown);
    await this.db.transaction(async (tx) => {
      for (const [templateId, result] of Object.entries(input.results)) {
        if (result !== 'accept' && result !== 'ban') continue;
        await this.credits.record(tx, userId, templateId, result, this.templates.byTemplateId(templateId)!.longTerm);
      }
    });
    return this.list(userId);
  }
}
