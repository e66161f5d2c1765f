import type { CaseDetailDto, CaseSummaryDto, Page } from '@sunboard/shared';
import sharp from 'sharp';
import { Clock } from '../src/common/clock/clock';
import { APPLICANT, caseWorld, type CaseReply, type CaseWorld, openCase } from './support/case-fixtures';
import { multipart } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';

describe('cases: who sees and moves a case, and claiming one by its number', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(Clock).set('2026-11-26T02:00:00Z');
    w = await caseWorld(t, 'cac');
  });
  afterAll(() => t.close());

  const claim = (token: string, body: unknown) => t.request<CaseReply>('POST', '/api/cases/claim', { token, body });
  const linked = async (id: number) => (await t.db.query('SELECT applicant_user_id AS u FROM service_case WHERE id = ?', [id]))[0].u;

  it('the applicant and staff covering the region read it; another resident gets 404, staff elsewhere 403', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    expect((await t.request('GET', `/api/cases/${c.id}`, { token: w.residentA.token })).body.canManage).toBe(false);
    expect((await t.request('GET', `/api/cases/${c.id}`, { token: w.reviewer.token })).body.canManage).toBe(true);
    const other = await t.request('GET', `/api/cases/${c.id}`, { token: w.residentB.token });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(c.caseNo);
    expect((await t.request('GET', '/api/cases/999999', { token: w.residentB.token })).status).toBe(404);
    expect((await t.request('GET', `/api/cases/${c.id}`, { token: w.outsider.token })).status).toBe(403);
    expect((await t.request('GET', `/api/cases/${c.id}`)).status).toBe(401);
    const mineB = await t.request<Page<CaseSummaryDto>>('GET', '/api/cases/mine', { token: w.residentB.token });
    expect(mineB.body.items.map((x) => x.id)).not.toContain(c.id);
  });

  it('only staff covering the region move it; residents cannot', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    const body = { position: 2, note: '受理' };
    expect((await t.request('POST', `/api/cases/${c.id}/progress`, { token: w.outsider.token, body })).status).toBe(403);
    expect((await t.request('POST', `/api/cases/${c.id}/progress`, { token: w.residentA.token, body })).status).toBe(403);
    expect((await t.request('POST', `/api/cases/${c.id}/correction`, { token: w.outsider.token, body: { materials: ['户口簿'], dueOn: '2026-12-10' } })).status).toBe(403);
    expect((await t.request('POST', `/api/cases/${c.id}/finish`, { token: w.residentA.token, body: { result: 'approved' } })).status).toBe(403);
    const detail = await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.worker.token });
    expect(detail.body.events).toHaveLength(1);
    // Opening a case for a region outside the caller's scope, or as a resident.
    const open = (token: string, regionId: number) =>
      t.request('POST', '/api/cases', { token, body: { caseTypeId: w.dibao.id, regionId, applicant: { name: APPLICANT.name, phone: APPLICANT.phone } } });
    expect((await open(w.outsider.token, w.tree.communityA1.id)).status).toBe(403);
    expect((await open(w.residentA.token, w.tree.communityA1.id)).status).toBe(403);
    // Linking a resident who lives outside the caller's regions.
    const far = await t.login('o_cac_far');
    await t.db.query('UPDATE app_user SET home_region_id = ? WHERE id = ?', [w.tree.communityB1.id, far.user.id]);
    const r = await t.request('POST', '/api/cases', {
      token: w.worker.token,
      body: { caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { name: APPLICANT.name, phone: APPLICANT.phone, userId: far.user.id } },
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('applicant.userId');
  });

  it('staff lists show only cases in scope; the resident lookup finds residents of the region', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    const inScope = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.reviewer.token });
    expect(inScope.body.items.map((x) => x.id)).toContain(c.id);
    const outside = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.outsider.token });
    expect(outside.body.items.map((x) => x.id)).not.toContain(c.id);
    expect((await t.request('GET', '/api/staff/cases', { token: w.residentA.token })).status).toBe(403);
    expect((await t.request('GET', '/api/staff/cases', { token: w.outsider.token, query: { regionId: w.tree.communityA1.id } })).status).toBe(403);
    const byNo = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.worker.token, query: { q: c.caseNo.toLowerCase() } });
    expect(byNo.body.items.map((x) => x.id)).toEqual([c.id]);
    const residents = await t.request('GET', '/api/staff/cases/residents', { token: w.worker.token, query: { regionId: w.tree.communityA1.id, q: 'residentA' } });
    expect(residents.body.map((r: { id: number }) => r.id)).toEqual([w.residentA.id]);
    expect((await t.request('GET', '/api/staff/cases/residents', { token: w.outsider.token, query: { regionId: w.tree.communityA1.id } })).status).toBe(403);
    // Pages: neither skip nor repeat.
    for (let i = 0; i < 3; i++) await openCase(t, w);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.worker.token, query: { limit: 2, cursor } });
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const total = Number((await t.db.query('SELECT COUNT(*) AS n FROM service_case'))[0].n);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);
    expect((await t.request('GET', '/api/staff/cases', { token: w.worker.token, query: { cursor: 'not-a-cursor!' } })).status).toBe(400);
  });

  it('a resident claims an unlinked case with its number, name and phone digits; wrong data changes nothing', async () => {
    const c = await openCase(t, w); // not linked
    expect(c.applicant.linked).toBe(false);
    for (const body of [
      { caseNo: c.caseNo, name: '王秀', phoneLast4: '5678' },
      { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: '0000' },
      { caseNo: 'SB20261126ABCDEF', name: APPLICANT.name, phoneLast4: '5678' },
    ]) {
      const r = await claim(w.residentA.token, body);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('CASE_CLAIM_FAILED');
    }
    expect(await linked(c.id)).toBeNull();
    let r = await claim(w.residentA.token, { caseNo: 'abc', name: APPLICANT.name, phoneLast4: '5678' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('caseNo');
    r = await claim(w.residentA.token, { caseNo: ` ${c.caseNo.toLowerCase()} `, name: '王 秀兰', phoneLast4: '5678' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: c.id, applicant: { linked: true }, canManage: false });
    expect(r.body.events[0]).toMatchObject({ type: 'claimed', actor: { displayName: '申请人' } });
    expect(Number(await linked(c.id))).toBe(w.residentA.id);
    // Again by the same resident: fine; by another: refused like a wrong claim.
    expect((await claim(w.residentA.token, { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: '5678' })).status).toBe(200);
    r = await claim(w.residentB.token, { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: '5678' });
    expect(r.status).toBe(400);
    expect(Number(await linked(c.id))).toBe(w.residentA.id);
  });

  it('guessing is throttled: per case after 5 wrong tries, and per account', async () => {
    const c = await openCase(t, w);
    const guesser = await t.login('o_cac_guesser');
    for (let i = 0; i < 5; i++) expect((await claim(guesser.token, { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: String(1000 + i) })).status).toBe(400);
    // The case now refuses claims for an hour, even with the right data and from another account.
    let r = await claim(w.residentB.token, { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: '5678' });
    expect(r.status).toBe(429);
    expect(await linked(c.id)).toBeNull();
    t.app.get(Clock).advance(61 * 60_000);
    try {
      r = await claim(w.residentB.token, { caseNo: c.caseNo, name: APPLICANT.name, phoneLast4: '5678' });
      expect(r.status).toBe(200);
    } finally {
      t.app.get(Clock).set('2026-11-26T02:00:00Z');
    }
    // Per account: 10 claims per 10 minutes, whatever they are.
    const spammer = await t.login('o_cac_spammer');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await claim(spammer.token, { caseNo: `SB20261126ABCDE${'ABCDEFGHJKL'[i]}`, name: '某某', phoneLast4: '1234' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('a photo on a progress note is readable by the applicant and staff in scope, not by others', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } }).jpeg().toBuffer();
    const { payload, headers } = multipart([{ filename: '入户照片.jpg', contentType: 'image/jpeg', content: jpeg }]);
    const up = await t.request('POST', '/api/uploads', { token: w.worker.token, payload, headers });
    expect(up.status).toBe(201);
    const colleagueUpload = await t.request('POST', '/api/uploads', { token: w.colleague.token, ...multipart([{ filename: 'x.jpg', contentType: 'image/jpeg', content: jpeg }]) });
    let r = await t.request('POST', `/api/cases/${c.id}/progress`, { token: w.worker.token, body: { position: 2, note: '受理', attachmentId: colleagueUpload.body.id } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('attachmentId');
    r = await t.request('POST', `/api/cases/${c.id}/progress`, { token: w.worker.token, body: { position: 2, note: '受理，附现场照片', attachmentId: up.body.id } });
    expect(r.status).toBe(200);
    expect(r.body.events[0].attachment).toMatchObject({ id: up.body.id, kind: 'image' });
    const url = `/api/uploads/${up.body.id}/thumb`;
    expect((await t.request('GET', url, { token: w.residentA.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: w.reviewer.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: w.residentB.token })).status).toBe(404);
    expect((await t.request('GET', url, { token: w.outsider.token })).status).toBe(404);
    expect((await t.request('GET', url)).status).toBe(404);
    // Used on a case: it cannot be deleted or reused on another case.
    expect((await t.request('DELETE', `/api/uploads/${up.body.id}`, { token: w.worker.token })).status).toBe(409);
    const c2 = await openCase(t, w, { userId: w.residentA.id });
    r = await t.request('POST', `/api/cases/${c2.id}/progress`, { token: w.worker.token, body: { position: 2, note: '受理', attachmentId: up.body.id } });
    expect(r.status).toBe(400);
  });
});
