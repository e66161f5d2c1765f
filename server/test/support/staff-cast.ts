import { grantRole } from '../factories/users';
import type { RegionTree } from '../factories/regions';
import type { TestApp } from './test-app';

export interface Member {
  token: string;
  id: number;
}

/**
 * The people most staff-route specs need, logged in through the fake WeChat: two grid workers of
 * 光明社区, the reviewer of 马庄街道 above them, a grid worker of 湛南社区 outside their scope, and a
 * plain resident. `prefix` keeps the openids of one spec apart from another's.
 */
export async function staffCast(t: TestApp, tree: RegionTree, prefix: string) {
  const member = async (name: string, role: 'grid_worker' | 'reviewer' | null, regionId?: number): Promise<Member> => {
    const { token, user } = await t.login(`o_${prefix}_${name}`);
    if (role) await grantRole(t.db, user.id, role, regionId!);
    return { token, id: user.id };
  };
  return {
    worker: await member('worker', 'grid_worker', tree.communityA1.id),
    colleague: await member('colleague', 'grid_worker', tree.communityA1.id),
    reviewer: await member('reviewer', 'reviewer', tree.streetA.id),
    outsider: await member('outsider', 'grid_worker', tree.communityB1.id),
    resident: await member('resident', null),
  };
}
