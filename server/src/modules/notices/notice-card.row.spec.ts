import { cardSummary, toCardDto, trimBodyHead } from './notice-card.row';
import { BODY_HEAD_CHARS, type CardRow } from './notice-feed.sql';
import { summarize } from './notice-html';
import type { Notice } from './notice.entity';
import { toNoticeCardDto } from './notice.mapper';

const row = (over: Partial<CardRow> = {}): CardRow => ({
  id: 1,
  title: '停水通知',
  body_head: '<p>各位居民朋友：</p><p>11月27日计划停水。</p>',
  kind: 'notice',
  domain: 'municipal_service',
  region_id: 9,
  publisher: '光明社区居委会',
  published_at: '2026-11-20 01:02:03.456',
  urgent: 1,
  pinned: 0,
  status: 'published',
  publicity_ends_at: null,
  updated_at: '2026-11-20 01:02:03.456',
  ...over,
});

describe('feed cards from raw rows', () => {
  it('drops a tag or entity cut in half at the end of the body head, and leaves a whole body alone', () => {
    const fill = (tail: string) => `<p>${'字'.repeat(BODY_HEAD_CHARS - 3 - tail.length)}${tail}`;
    expect(fill('</p><p cla')).toHaveLength(BODY_HEAD_CHARS);
    expect(trimBodyHead(fill('</p><p cla')).endsWith('字</p>')).toBe(true);
    expect(trimBodyHead(fill('&am')).endsWith('字')).toBe(true);
    expect(trimBodyHead(fill('&#20'))).not.toContain('&');
    expect(trimBodyHead('<p>short</p><b')).toBe('<p>short</p><b');
  });

  it('maps a row as the card mapper does, reading either driver’s types', () => {
    const refs = new Map([[9, { id: 9, name: '光明社区', level: 'community' as const, fullName: '湛河区 / 光明社区' }]]);
    expect(toCardDto(row(), refs)).toEqual({
      id: 1,
      title: '停水通知',
      summary: '11月27日计划停水。',
      kind: 'notice',
      domain: 'municipal_service',
      region: refs.get(9),
      publisher: '光明社区居委会',
      publishedAt: '2026-11-20T01:02:03.456Z',
      urgent: true,
      pinned: false,
      status: 'published',
    });
    expect(toCardDto(row({ id: '2', region_id: '9', urgent: true, published_at: new Date('2026-11-20T01:02:03.456Z') }), refs)).toMatchObject({ id: 2, urgent: true });
    // A 公示 whose period has ended reads as expired (the mapper's guard), even from a raw row.
    expect(toCardDto(row({ id: 3, kind: 'publicity', publicity_ends_at: '2020-01-01 00:00:00.000' }), refs).status).toBe('expired');
  });

  it('gives exactly what toNoticeCardDto gives for the whole entity (CARD_COLUMNS holds every column the card reads)', () => {
    const refs = new Map([[9, { id: 9, name: '光明社区', level: 'community' as const, fullName: '湛河区 / 光明社区' }]]);
    // Every column set to something other than its default, so a card field read from a column
    // that CARD_COLUMNS lacks shows up as a difference.
    const entity = {
      id: 5, title: '公示', body: '<p>各位居民：</p><p>名单如下。</p>', basis: '依据', timeLimit: '7日', publisher: '居委会', method: 'on_request',
      channels: ['notice_board'], audience: 'specific_group', domain: 'social_assistance', category: 'result', kind: 'publicity', regionId: 9,
      docNo: '文号', indexNo: '索引号', validFrom: new Date('2026-01-01T00:00:00Z'), validUntil: new Date('2027-01-01T00:00:00Z'), interpretationId: 3,
      publicityStartsAt: new Date('2026-11-20T00:00:00Z'), publicityEndsAt: new Date('2099-01-01T00:00:00Z'), pinned: true, urgent: true, status: 'published',
      authorId: 1, reviewerId: 2, publishedAt: new Date('2026-11-20T01:00:00Z'), createdAt: new Date('2026-11-19T00:00:00Z'),
      updatedAt: new Date('2026-11-21T00:00:00Z'), version: 3, guide: null,
    } as unknown as Notice;
    const fromRow = toCardDto(
      row({ id: 5, title: '公示', body_head: entity.body, kind: 'publicity', domain: 'social_assistance', region_id: 9, publisher: '居委会', published_at: '2026-11-20 01:00:00.000', urgent: 1, pinned: 1, publicity_ends_at: '2099-01-01 00:00:00.000', updated_at: '2026-11-21 00:00:00.000' }),
      refs,
    );
    expect(fromRow).toEqual(toNoticeCardDto(entity, refs));
  });

  it('caches summaries by id until updated_at or the body changes', () => {
    const a = row({ id: 77, body_head: '<p>第一版</p>' });
    expect(cardSummary(a)).toBe('第一版');
    expect(cardSummary({ ...a, body_head: '<p>第二版的内容</p>' })).toBe('第二版的内容');
    expect(cardSummary({ ...a, body_head: '<p>第三版！</p>', updated_at: '2026-11-21 00:00:00.000' })).toBe('第三版！');
    expect(cardSummary({ ...a, body_head: '<p>第三版！</p>', updated_at: '2026-11-21 00:00:00.000' })).toBe(summarize('<p>第三版！</p>'));
  });
});
