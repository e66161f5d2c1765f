import type { DataSource } from 'typeorm';
import { Notice } from '../../src/modules/notices/notice.entity';

let seq = 0;

/**
 * Inserts one notice with all eight elements filled. Defaults: a published 通知 in 社会救助,
 * published now (pass `publishedAt` to place it in time). `regionId` is required.
 */
export async function makeNotice(db: DataSource, overrides: Partial<Notice> & { regionId: number }): Promise<Notice> {
  const repo = db.getRepository(Notice);
  const n = ++seq;
  const status = overrides.status ?? 'published';
  return repo.save(
    repo.create({
      title: `测试通知 ${n}`,
      body: `<p>测试通知 ${n} 的正文。</p>`,
      basis: '《社会救助暂行办法》',
      timeLimit: '自信息形成或者变更之日起20个工作日内',
      publisher: '测试街道办事处',
      method: 'active',
      channels: ['mini_program', 'notice_board'],
      audience: 'public',
      domain: 'social_assistance',
      category: 'execution',
      kind: 'notice',
      docNo: null,
      indexNo: null,
      validFrom: null,
      validUntil: null,
      interpretationId: null,
      publicityStartsAt: null,
      publicityEndsAt: null,
      pinned: false,
      urgent: false,
      status,
      authorId: null,
      reviewerId: null,
      publishedAt: status === 'published' ? new Date() : null,
      version: 1,
      guide: null,
      ...overrides,
    }),
  );
}
