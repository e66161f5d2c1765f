import ExcelJS from 'exceljs';
import type { AuditEntryDto, NoticeReachDto, NoticeTableDto, Page } from '@sunboard/shared';
import { contentDigest } from '../src/modules/audit/audit-digest';
import { contentOf } from '../src/modules/notices/notice-content';
import { NoticeExpiryJob } from '../src/modules/notices/notice-expiry.job';
import { Notice } from '../src/modules/notices/notice.entity';
import { makeUser } from './factories/users';
import { multipart } from './support/multipart';
import { noticeInput, person, publicityInput, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('公示 expiry and awareness (知晓率)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  let w: ReturnType<typeof workflow>;
  let job: NoticeExpiryJob;

  beforeAll(async () => {
    t = await startTestApp();
    s = await staffOf(t);
    w = workflow(t);
    job = t.app.get(NoticeExpiryJob);
  });
  afterAll(() => t?.close());

  const endPeriod = (id: number, at: Date) => t.db.getRepository(Notice).update({ id }, { publicityEndsAt: at });
  const register = async (id: number) =>
    (await t.request<Page<AuditEntryDto>>('GET', '/api/audit', { token: s.reviewer.token, query: { targetType: 'notice', targetId: id, limit: 50 } })).body.items;

  describe('expiry', () => {
    it('is not started by the module under NODE_ENV=test (tests drive runOnce)', () => {
      expect(job.started).toBe(false);
    });

    it('ends a 公示 whose period has passed: never served as current, then expired by the job with a register row', async () => {
      const pub = await w.publish(s.worker, s.reviewer, publicityInput(s.tree.communityA1.id));
      const other = await w.publish(s.worker, s.reviewer, publicityInput(s.tree.communityA1.id));
      const plain = await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { publicityStartsAt: new Date(Date.now() - 9 * MINUTE).toISOString(), publicityEndsAt: new Date(Date.now() + MINUTE).toISOString() }));
      expect((await t.request('GET', `/api/notices/${pub.id}`)).status).toBe(200);

      // The period ends; the job has not run yet.
      await endPeriod(pub.id, new Date(Date.now() - MINUTE));
      await endPeriod(plain.id, new Date(Date.now() - MINUTE));
      const meanwhile = await t.request('GET', `/api/notices/${pub.id}`);
      expect([meanwhile.status, meanwhile.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.request('GET', `/api/notices/${pub.id}/versions`)).status).toBe(404);
      expect((await w.staffDetail(s.reviewer, pub.id)).body).toMatchObject({ status: 'expired', actions: ['withdraw'] });
      // Correcting an ended 公示 is refused.
      expect((await w.update(s.reviewer, pub.id, { title: '改' })).status).toBe(409);

      expect(await job.runOnce()).toBe(1);
      const stored = await t.db.getRepository(Notice).findOneByOrFail({ id: pub.id });
      expect(stored.status).toBe('expired');
      // Only the ended 公示: the other 公示 and a non-公示 with a period are untouched.
      expect((await t.db.getRepository(Notice).findOneByOrFail({ id: other.id })).status).toBe('published');
      expect((await t.db.getRepository(Notice).findOneByOrFail({ id: plain.id })).status).toBe('published');

      const rows = await register(pub.id);
      const expire = rows.filter((r) => r.action === 'expire');
      expect(expire).toHaveLength(1);
      expect(expire[0]).toMatchObject({ actor: null, regionId: s.tree.communityA1.id, note: expect.stringMatching(/公示期满/) });
      // The content did not change: before = after = the digest of what was shown until then.
      const digest = contentDigest(contentOf(stored));
      expect([expire[0].digestBefore, expire[0].digestAfter]).toEqual([digest, digest]);

      // Nothing left to do: a second pass changes nothing and writes nothing.
      expect(await job.runOnce()).toBe(0);
      expect((await register(pub.id)).filter((r) => r.action === 'expire')).toHaveLength(1);
      const staff = await w.staffDetail(s.reviewer, pub.id);
      expect(staff.body).toMatchObject({ status: 'expired', table: null, tableHiddenFromResidents: false });
      expect((await t.request('GET', `/api/notices/${pub.id}`)).status).toBe(404);
      expect((await w.withdraw(s.reviewer, pub.id)).status).toBe(409);
    });

    it('stops showing an ended 公示’s table to residents; staff still see it, marked', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('名单').addRows([
        ['户主姓名', '身份证号', '月保障金额'],
        ['李四', '410411199001011234', '620'],
      ]);
      const { payload, headers } = multipart([{ filename: '名单.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }]);
      const table = (await t.request<NoticeTableDto>('POST', '/api/notice-tables/import', { token: s.worker.token, payload, headers })).body;
      const pub = await w.publish(s.worker, s.reviewer, publicityInput(s.tree.communityA1.id, { tableId: table.id }));
      expect((await t.request('GET', `/api/notices/${pub.id}`)).body.table).toMatchObject({ id: table.id });
      expect((await t.request('GET', `/api/notice-tables/${table.id}`)).status).toBe(200);

      await endPeriod(pub.id, new Date(Date.now() - MINUTE));
      expect(await job.runOnce()).toBe(1);
      expect((await t.request('GET', `/api/notices/${pub.id}`)).status).toBe(404);
      expect((await t.request('GET', `/api/notices/${pub.id}`, { token: s.resident.token })).status).toBe(404);
      expect((await t.request('GET', `/api/notice-tables/${table.id}`, { token: s.resident.token })).status).toBe(404);
      const staff = await w.staffDetail(s.reviewer, pub.id);
      expect(staff.body).toMatchObject({ status: 'expired', table: { id: table.id, rowCount: 1 }, tableHiddenFromResidents: true });
      expect(JSON.stringify(staff.body.table)).not.toContain('410411199001011234');
    });

    it('flips each notice once when several passes race (several instances)', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await w.publish(s.worker, s.reviewer, publicityInput(s.tree.communityA1.id))).id);
      for (const id of ids) await endPeriod(id, new Date(Date.now() - MINUTE));
      const results = await Promise.all([job.runOnce(), job.runOnce(), job.runOnce()]);
      expect(results.reduce((a, b) => a + b, 0)).toBe(3);
      for (const id of ids) expect((await register(id)).filter((r) => r.action === 'expire')).toHaveLength(1);
    });

    it('expires only what has ended by the time given', async () => {
      const id = (await w.publish(s.worker, s.reviewer, publicityInput(s.tree.communityA1.id))).id;
      const end = new Date(Date.now() + 10 * MINUTE);
      await endPeriod(id, end);
      expect(await job.runOnce(new Date(end.getTime() - 1))).toBe(0);
      expect(await job.runOnce(end)).toBe(1);
    });
  });

  describe('reach', () => {
    it('counts the residents of the notice’s region subtree and how many of them have opened it, once each', async () => {
      const tree = s.tree;
      // Residents: 3 in 光明社区, 1 in its grid (inside), 1 in 建设路社区 (outside), 1 with no home.
      const inside = [
        await person(t, [], tree.communityA1.id),
        await person(t, [], tree.communityA1.id),
        await person(t, [], tree.communityA1.id),
        await person(t, [], tree.gridA1.id),
      ];
      const outside = await person(t, [], tree.communityA2.id);
      await makeUser(t.db, { homeRegionId: null });
      // The 光明社区 resident of the shared fixture lives there too.
      const residentsInScope = 5;

      const pub = await w.publish(s.worker, s.reviewer, noticeInput(tree.communityA1.id));
      const reach = () => t.request<NoticeReachDto & { code?: string }>('GET', `/api/staff/notices/${pub.id}/reach`, { token: s.worker.token });
      expect((await reach()).body).toEqual({ noticeId: pub.id, residentsInScope, readers: 0, rate: 0, readersOutsideScope: 0 });

      for (const p of [inside[0], inside[0], inside[3], outside]) {
        expect((await t.request('GET', `/api/notices/${pub.id}`, { token: p.token })).status).toBe(200);
      }
      // Anonymous views are not counted (nobody to count).
      await t.request('GET', `/api/notices/${pub.id}`);
      const counted = await reach();
      expect(counted.status).toBe(200);
      expect(counted.body).toEqual({ noticeId: pub.id, residentsInScope, readers: 2, rate: 0.4, readersOutsideScope: 1 });
      const [row] = await t.db.query('SELECT COUNT(*) AS n FROM notice_read WHERE notice_id = ?', [pub.id]);
      expect(Number(row.n)).toBe(3);

      // A street-wide notice reaches both communities.
      const street = await w.publish(s.reviewer, s.admin, noticeInput(tree.streetA.id));
      await t.request('GET', `/api/notices/${street.id}`, { token: outside.token });
      const streetReach = await t.request<NoticeReachDto>('GET', `/api/staff/notices/${street.id}/reach`, { token: s.reviewer.token });
      expect(streetReach.body).toMatchObject({ residentsInScope: residentsInScope + 1, readers: 1, readersOutsideScope: 0 });

      // Drafts are not readable, so never counted; the caller's scope is checked.
      const draft = (await w.create(s.worker, noticeInput(tree.communityA1.id))).body.id;
      await t.request('GET', `/api/notices/${draft}`, { token: inside[1].token });
      expect((await t.request<NoticeReachDto>('GET', `/api/staff/notices/${draft}/reach`, { token: s.worker.token })).body.readers).toBe(0);
      expect((await t.request('GET', `/api/staff/notices/${pub.id}/reach`, { token: s.outsider.token })).status).toBe(403);
      expect((await t.request('GET', '/api/staff/notices/99999999/reach', { token: s.worker.token })).status).toBe(404);
    });
  });
});
