import type { CaseDetailDto, CaseTypeDto, OpenCaseInput } from '@sunboard/shared';
import { makeRegionTree, type RegionTree } from '../factories/regions';
import { grantRole } from '../factories/users';
import { type Member, staffCast } from './staff-cast';
import type { TestApp } from './test-app';

/** A case route's answer: the case on success, or the error body ({code, message, details}) on failure. */
export type CaseReply = CaseDetailDto & { code: string; message: string; details: Array<{ path: string; reason: string }> };

/** The applicant's phone and ID in the fixtures (test data, not a real person's). */
export const APPLICANT = { name: '王秀兰', phone: '13912345678', idNumber: '410411195003151234' };

export interface CaseWorld {
  tree: RegionTree;
  worker: Member;
  colleague: Member;
  reviewer: Member;
  outsider: Member;
  admin: Member;
  /** Lives in 光明社区. */
  residentA: Member;
  /** Lives in 光明社区 too; must never see A's cases. */
  residentB: Member;
  types: CaseTypeDto[];
  dibao: CaseTypeDto;
}

/** A region tree, the staff cast, a district admin and two residents of 光明社区. */
export async function caseWorld(t: TestApp, prefix: string): Promise<CaseWorld> {
  const tree = await makeRegionTree(t.db);
  const cast = await staffCast(t, tree, prefix);
  const adminLogin = await t.login(`o_${prefix}_admin`);
  await grantRole(t.db, adminLogin.user.id, 'admin', tree.district.id);
  const resident = async (name: string): Promise<Member> => {
    const { token, user } = await t.login(`o_${prefix}_${name}`);
    await t.db.query('UPDATE app_user SET home_region_id = ?, display_name = ? WHERE id = ?', [tree.communityA1.id, name, user.id]);
    return { token, id: user.id };
  };
  const types = (await t.request<CaseTypeDto[]>('GET', '/api/case-types')).body;
  return {
    tree,
    ...cast,
    admin: { token: adminLogin.token, id: adminLogin.user.id },
    residentA: await resident('residentA'),
    residentB: await resident('residentB'),
    types,
    dibao: types.find((x) => x.code === 'dibao')!,
  };
}

/** Opens a 低保 case in 光明社区 as the grid worker (linked to `userId` when given); fails the test on any error. */
export async function openCase(t: TestApp, w: CaseWorld, opts: Partial<OpenCaseInput> & { userId?: number; token?: string } = {}): Promise<CaseDetailDto> {
  const res = await t.request<CaseDetailDto>('POST', '/api/cases', {
    token: opts.token ?? w.worker.token,
    body: {
      caseTypeId: opts.caseTypeId ?? w.dibao.id,
      regionId: opts.regionId ?? w.tree.communityA1.id,
      applicant: opts.applicant ?? { ...APPLICANT, ...(opts.userId ? { userId: opts.userId } : {}) },
      note: opts.note ?? '窗口受理，材料齐全',
    },
  });
  if (res.status !== 201) throw new Error(`open case failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
