import { caseWorld, type CaseWorld } from '../support/case-fixtures';
import type { Member } from '../support/staff-cast';
import type { TestApp } from '../support/test-app';

/**
 * The seven callers every route is tried with. Region X is 光明社区 (tree.communityA1):
 * - anon: no token;
 * - residentA: lives in X and owns the targets (their case, comment, rating, follow-up, messages);
 * - residentB: also lives in X, owns nothing — another resident's things must stay hidden from them;
 * - gridIn: grid worker of X (authors the staff-side targets: drafts, uploads, tables);
 * - gridOut: grid worker of 湛南社区 (another street): staff, but outside X;
 * - reviewer: reviewer of 马庄街道, the street above X;
 * - admin: admin of 湛河区, the district above everything.
 * Staff have no home region: where a route is about living somewhere (commenting), they act as
 * residents who have not chosen one.
 */
export const ACTORS = ['anon', 'residentA', 'residentB', 'gridIn', 'gridOut', 'reviewer', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

export interface SecurityActors {
  world: CaseWorld;
  /** null for anon. */
  member: Record<ActorName, Member | null>;
}

export async function securityActors(t: TestApp, prefix: string): Promise<SecurityActors> {
  const world = await caseWorld(t, prefix);
  return {
    world,
    member: {
      anon: null,
      residentA: world.residentA,
      residentB: world.residentB,
      gridIn: world.worker,
      gridOut: world.outsider,
      reviewer: world.reviewer,
      admin: world.admin,
    },
  };
}

export const tokenOf = (actors: SecurityActors, actor: ActorName): string | undefined => actors.member[actor]?.token;
