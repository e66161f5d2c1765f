import type { DataSource, EntityManager } from 'typeorm';
import { STAFF_ROLES, type StaffRole } from '@sunboard/shared';
import { Notice } from '../../modules/notices/notice.entity';
import { escapeHtml } from '../../modules/notices/notice-html';
import { NoticeSearchIndexer } from '../../modules/notices/search/notice-search.indexer';
import { Region } from '../../modules/regions/region.entity';
import { StaffRoleGrant } from '../../modules/users/staff-role.entity';
import { User } from '../../modules/users/user.entity';
import type { FieldCipher } from '../../common/crypto/field-cipher';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedCases } from './demo-cases';
import { DEMO_NOTICES, type DemoNotice } from './demo-notices';
import { DEMO_REGIONS } from './demo-regions';

/**
 * The demo district 湛河区: regions with materialised paths, staff and residents from
 * DEMO_ACCOUNTS, the notices of DEMO_NOTICES and a few cases (demo-cases.ts) — all in one transaction, so a failure leaves the
 * database as it was. Called by seedDemoIfEmpty only when there are no regions yet.
 */
export async function seedDemo(db: DataSource, cipher: FieldCipher, now = new Date()): Promise<Record<string, number>> {
  return db.transaction(async (m) => {
    const regions = await seedRegions(m);
    const users = await seedAccounts(m, regions);
    const notices = await seedNotices(m, regions, users);
    // The published ones become searchable, as publishing through the workflow makes them.
    await NoticeSearchIndexer.reindexAll(m);
    const cases = await seedCases(m, regions, users, cipher, now);
    return {
      regions: regions.size,
      users: users.size,
      staffRoles: DEMO_ACCOUNTS.filter((a) => isStaffRole(a.role)).length,
      notices: notices.length,
      publishedNotices: notices.filter((n) => n.status === 'published').length,
      cases,
    };
  });
}

function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Insert, then set `path` (`/<ancestor ids>/<own id>/`) once the id is known. */
async function seedRegions(m: EntityManager): Promise<Map<string, Region>> {
  const repo = m.getRepository(Region);
  const byCode = new Map<string, Region>();
  for (const r of DEMO_REGIONS) {
    const parent = r.parentCode ? byCode.get(r.parentCode) : null;
    if (r.parentCode && !parent) throw new Error(`demo region ${r.code}: parent ${r.parentCode} must come first`);
    const saved = await repo.save(
      repo.create({ code: r.code, name: r.name, level: r.level, parentId: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : 1 }),
    );
    saved.path = `${parent ? parent.path : '/'}${saved.id}/`;
    await repo.update({ id: saved.id }, { path: saved.path });
    byCode.set(r.code, saved);
  }
  return byCode;
}

/** One user per account; staff get their grant, and a grid worker's home is the community they serve. */
async function seedAccounts(m: EntityManager, regions: Map<string, Region>): Promise<Map<string, User>> {
  const users = m.getRepository(User);
  const grants = m.getRepository(StaffRoleGrant);
  const byOpenid = new Map<string, User>();
  for (const a of DEMO_ACCOUNTS) {
    const region = a.regionCode ? regions.get(a.regionCode) : null;
    if (a.regionCode && !region) throw new Error(`demo account ${a.openid}: unknown region ${a.regionCode}`);
    const homeRegionId = region && (a.role === 'resident' || a.role === 'grid_worker') ? region.id : null;
    const user = await users.save(users.create({ openid: a.openid, unionid: null, displayName: a.displayName, homeRegionId, elderMode: false, lastSeenAt: null }));
    if (isStaffRole(a.role)) await grants.save(grants.create({ userId: user.id, role: a.role, regionId: region?.id ?? null, grantedBy: null, revokedAt: null }));
    byOpenid.set(a.openid, user);
  }
  return byOpenid;
}

/** `<p>` per paragraph (and one simple table), every text run escaped: the stored body is already safe. */
export function demoBodyHtml(n: Pick<DemoNotice, 'paragraphs' | 'table' | 'closing'>): string {
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const cells = (tag: 'th' | 'td', row: string[]) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const table = n.table ? `<table><thead>${cells('th', n.table.head)}</thead><tbody>${n.table.rows.map((r) => cells('td', r)).join('')}</tbody></table>` : '';
  return [...n.paragraphs.map(p), table, ...(n.closing ?? []).map(p)].join('');
}

async function seedNotices(m: EntityManager, regions: Map<string, Region>, users: Map<string, User>): Promise<Notice[]> {
  const repo = m.getRepository(Notice);
  const byKey = new Map<string, Notice>();
  // The demo is written as of DEMO_ANCHOR; every date moves by whole days to the day it is seeded,
  // so the 公示 periods, urgent notices and "last weeks" stay current whenever the demo starts.
  const shiftMs = demoDayShiftMs(new Date());
  const date = (s: string | undefined) => (s ? new Date(new Date(s).getTime() + shiftMs) : null);
  const userId = (openid: string | null, what: string) => {
    if (openid === null) return null;
    const u = users.get(openid);
    if (!u) throw new Error(`demo notice ${what}: unknown account ${openid}`);
    return u.id;
  };
  for (const n of DEMO_NOTICES) {
    const region = regions.get(n.regionCode);
    if (!region) throw new Error(`demo notice ${n.key}: unknown region ${n.regionCode}`);
    if (n.author !== null && n.author === n.reviewer) throw new Error(`demo notice ${n.key}: the reviewer cannot be the author`);
    const interpretation = n.interpretationKey ? byKey.get(n.interpretationKey) : undefined;
    if (n.interpretationKey && !interpretation) throw new Error(`demo notice ${n.key}: interpretation ${n.interpretationKey} must come first`);
    const publishedAt = date(n.publishedAt);
    // Drafted a couple of days before publishing; unpublished ones a day before the demo date.
    const createdAt = new Date((publishedAt ?? new Date(new Date('2026-11-25T09:00:00+08:00').getTime() + shiftMs)).getTime() - 2 * 86_400_000);
    const saved = await repo.save(
      repo.create({
        title: n.title,
        body: demoBodyHtml(n),
        basis: n.basis,
        timeLimit: n.timeLimit,
        publisher: n.publisher,
        method: n.method ?? 'active',
        channels: n.channels,
        audience: n.audience,
        domain: n.domain,
        category: n.category,
        kind: n.kind,
        regionId: region.id,
        docNo: n.docNo ?? null,
        indexNo: n.indexNo ?? null,
        validFrom: date(n.validFrom),
        validUntil: date(n.validUntil),
        interpretationId: interpretation?.id ?? null,
        publicityStartsAt: date(n.publicityStartsAt),
        publicityEndsAt: date(n.publicityEndsAt),
        pinned: n.pinned ?? false,
        urgent: n.urgent ?? false,
        status: n.status,
        authorId: userId(n.author, n.key),
        reviewerId: userId(n.reviewer, n.key),
        publishedAt,
        createdAt,
        updatedAt: publishedAt ?? createdAt,
        version: 1,
        guide: n.guide ?? null,
      }),
    );
    byKey.set(n.key, saved);
  }
  return [...byKey.values()];
}

/** The day the demo notices were written for (Asia/Shanghai). */
export const DEMO_ANCHOR = '2026-11-26';

/** Whole days, in milliseconds, from DEMO_ANCHOR to `now`'s date in Asia/Shanghai (never negative). */
export function demoDayShiftMs(now: Date): number {
  const shanghaiDay = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const days = Math.round((Date.parse(shanghaiDay) - Date.parse(DEMO_ANCHOR)) / 86_400_000);
  return Math.max(0, days) * 86_400_000;
}
