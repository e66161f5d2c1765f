import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { FieldIssue, PutSubscriptionsInput, SubscriptionsDto } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { Subscription } from '../push/entities/subscription.entity';
import { normaliseTopics, toTopicDto } from './subscription-topics';

/** A resident's topics: region × domain × kind ('' = any). */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async list(userId: number): Promise<SubscriptionsDto> {
    const rows = await this.db.getRepository(Subscription).find({ where: { userId }, order: { id: 'ASC' } });
    const refs = await this.regions.refs(rows.map((r) => r.regionId));
    return { topics: rows.filter((r) => refs.has(r.regionId)).map((r) => toTopicDto(r, refs.get(r.regionId)!)) };
  }

  /**
   * Replaces the caller's topics with `input.topics` (duplicates collapsed) in one transaction. Every
   * region must exist: otherwise 404 REGION_NOT_FOUND naming each `topics.N.regionId`, and nothing changes.
   */
  async replace(userId: number, input: PutSubscriptionsInput): Promise<SubscriptionsDto> {
    const wanted = [...new Set(input.topics.map((t) => t.regionId))];
    const found = new Set(
      wanted.length ? (await this.db.getRepository(Region).find({ select: { id: true }, where: { id: In(wanted) } })).map((r) => r.id) : [],
    );
    const missing: FieldIssue[] = input.topics
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => !found.has(t.regionId))
      .map(({ t, i }) => ({ path: `topics.${i}.regionId`, reason: `区域 ${t.regionId} 不存在` }));
    if (missing.length) throw new AppError('REGION_NOT_FOUND', undefined, missing);

    const rows = normaliseTopics(input.topics);
    await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Subscription);
      await repo.delete({ userId });
      if (rows.length) await repo.insert(rows.map((r) => ({ userId, ...r, createdAt: new Date() })));
    });
    return this.list(userId);
  }

  /**
   * A new resident's first home community: they start subscribed to its 紧急通知 — unless they already
   * chose topics. One conditional INSERT, inside the caller's transaction.
   */
  async startWithHomeEmergency(manager: EntityManager, userId: number, regionId: number): Promise<void> {
    await manager.query(
      'INSERT INTO subscription (user_id, region_id, domain, kind) SELECT ?, ?, ?, ? FROM region WHERE id = ? AND NOT EXISTS (SELECT 1 FROM subscription WHERE user_id = ?)',
      [userId, regionId, '', 'emergency', regionId, userId],
    );
  }
}
