import type { CreateNoticeInput, StaffNoticeDetailDto, StaffRole } from '@sunboard/shared';
import { makeRegionTree, type RegionTree } from '../factories/regions';
import { grantRole, makeUser } from '../factories/users';
import type { TestApp, TestResponse } from './test-app';

let seq = 0;

export interface Person {
  id: number;
  token: string;
}

/** A logged-in user (home region optional) holding the given staff grants. */
export async function person(t: TestApp, grants: Array<[StaffRole, number | null]> = [], homeRegionId: number | null = null): Promise<Person> {
  const openid = `o_nw_${process.pid}_${++seq}_${Date.now().toString(36)}`;
  const user = await makeUser(t.db, { openid, homeRegionId, displayName: `测试人员${seq}` });
  for (const [role, regionId] of grants) await grantRole(t.db, user.id, role, regionId);
  const { token } = await t.login(openid);
  return { id: user.id, token };
}

/**
 * The people of a small district (factories/regions): a grid worker and a second one for 光明社区,
 * a grid worker of 河滨街道 (outside), a reviewer of 马庄街道, a reviewer of 河滨街道 (outside), a
 * district admin and a resident of 光明社区.
 */
export async function staffOf(t: TestApp, tree?: RegionTree) {
  const r = tree ?? (await makeRegionTree(t.db));
  const [worker, worker2, outsider, reviewer, otherReviewer, admin, resident] = [
    await person(t, [['grid_worker', r.communityA1.id]]),
    await person(t, [['grid_worker', r.communityA1.id]]),
    await person(t, [['grid_worker', r.streetB.id]]),
    await person(t, [['reviewer', r.streetA.id]]),
    await person(t, [['reviewer', r.streetB.id]]),
    await person(t, [['admin', r.district.id]]),
    await person(t, [], r.communityA1.id),
  ];
  return { tree: r, worker, worker2, outsider, reviewer, otherReviewer, admin, resident };
}

/** A complete, valid 通知 for the region; override any field. */
export function noticeInput(regionId: number, overrides: Partial<CreateNoticeInput> & Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `关于冬季供暖的通知 ${++seq}`,
    body: '<p>各位居民：</p><p>本社区将于12月1日起开始供暖。</p>',
    basis: '《城市供热管理办法》',
    timeLimit: '自信息形成之日起20个工作日内',
    publisher: '光明社区居民委员会',
    method: 'active',
    channels: ['mini_program', 'notice_board'],
    audience: 'public',
    domain: 'municipal_service',
    category: 'service',
    kind: 'notice',
    regionId,
    ...overrides,
  };
}

/** A 公示 with a period around now (started yesterday, ends in a week). */
export function publicityInput(regionId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const day = 86_400_000;
  return noticeInput(regionId, {
    title: `最低生活保障对象公示 ${++seq}`,
    kind: 'publicity',
    domain: 'social_assistance',
    category: 'result',
    publicityStartsAt: new Date(Date.now() - day).toISOString(),
    publicityEndsAt: new Date(Date.now() + 7 * day).toISOString(),
    ...overrides,
  });
}

export type Res = TestResponse<StaffNoticeDetailDto & { code?: string; message?: string; details?: Array<Record<string, unknown>> }>;

/** Staff calls of the workflow, each returning the raw response. */
export function workflow(t: TestApp) {
  return {
    create: (p: Person, body: unknown): Promise<Res> => t.request('POST', '/api/notices', { token: p.token, body }),
    update: (p: Person, id: number, body: unknown): Promise<Res> => t.request('PATCH', `/api/notices/${id}`, { token: p.token, body }),
    submit: (p: Person, id: number): Promise<Res> => t.request('POST', `/api/notices/${id}/submit`, { token: p.token }),
    approve: (p: Person, id: number, body: unknown = { confidentialityChecked: true }): Promise<Res> =>
      t.request('POST', `/api/notices/${id}/approve`, { token: p.token, body }),
    reject: (p: Person, id: number, reason = '请补充依据'): Promise<Res> => t.request('POST', `/api/notices/${id}/reject`, { token: p.token, body: { reason } }),
    withdraw: (p: Person, id: number, reason = '内容有误，暂时撤回'): Promise<Res> =>
      t.request('POST', `/api/notices/${id}/withdraw`, { token: p.token, body: { reason } }),
    staffDetail: (p: Person, id: number): Promise<Res> => t.request('GET', `/api/staff/notices/${id}`, { token: p.token }),
    /** Draft by `author`, submitted, approved by `reviewer`: the published notice. */
    async publish(author: Person, reviewer: Person, body: unknown): Promise<StaffNoticeDetailDto> {
      const created = await this.create(author, body);
      if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      const submitted = await this.submit(author, created.body.id);
      if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      const approved = await this.approve(reviewer, created.body.id);
      if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
      return approved.body;
    },
  };
}

/** Row counts of the tables a failed write must leave untouched. */
export async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['notice', 'audit_log', 'notice_version', 'notice_workflow']) {
    const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    out[table] = Number(row.n);
  }
  return out;
}
