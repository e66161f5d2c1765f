import { STAFF_ROLES, type NoticeStatus, type RegionRefDto, type StaffRole, type UserDto } from '@sunboard/shared';

/** Staff helpers: who sees the workbench, what a notice's status says, the reach rate. */
export function hasStaffRole(user: Pick<UserDto, 'staffRoles'> | null | undefined): boolean {
  return !!user && user.staffRoles.some((r) => (STAFF_ROLES as readonly string[]).includes(r.role));
}

export function hasRole(user: Pick<UserDto, 'staffRoles'> | null | undefined, roles: readonly StaffRole[]): boolean {
  return !!user && user.staffRoles.some((r) => roles.includes(r.role));
}

/** Reviewers and admins see the review queue. */
export function canReview(user: Pick<UserDto, 'staffRoles'> | null | undefined): boolean {
  return hasRole(user, ['reviewer', 'admin']);
}

/**
 * The regions the user may post for: the region of each staff role, outermost first, without
 * regions inside another one listed. `null` in the list means the whole tree (an admin without region).
 */
export function scopeRoots(user: Pick<UserDto, 'staffRoles'> | null | undefined): Array<RegionRefDto | null> {
  if (!user) return [];
  const regions = user.staffRoles.map((r) => r.region);
  if (regions.some((r) => r === null)) return [null];
  const unique = new Map<number, RegionRefDto>();
  for (const r of regions as RegionRefDto[]) unique.set(r.id, r);
  const list = [...unique.values()];
  const inside = (a: RegionRefDto, b: RegionRefDto) => a.id !== b.id && a.fullName.startsWith(`${b.fullName} / `);
  return list.filter((r) => !list.some((other) => inside(r, other))).sort((a, b) => a.fullName.split('/').length - b.fullName.split('/').length);
}

export interface StatusInput {
  status: NoticeStatus;
  rejectionReason?: string | null;
  hasPendingRevision?: boolean;
  corrected?: boolean;
}

/** Status in words, as text badges (never colour alone): 【草稿】【已退回】【待审核】【已发布】… */
export function statusBadges(n: StatusInput): string[] {
  const out: string[] = [];
  if (n.status === 'draft' && n.rejectionReason) out.push('已退回');
  else {
    const words: Record<NoticeStatus, string> = {
      draft: '草稿',
      pending_review: '待审核',
      published: '已发布',
      withdrawn: '已撤回',
      expired: '已过期',
    };
    out.push(words[n.status] ?? n.status);
  }
  if (n.hasPendingRevision) out.push('更正待审核');
  if (n.corrected) out.push('已更正');
  return out;
}

/** A badge's tone for styling (the word itself carries the meaning). */
export function badgeTone(badge: string): 'warn' | 'ok' | 'muted' | 'info' {
  if (badge === '已退回' || badge === '更正待审核') return 'warn';
  if (badge === '已发布') return 'ok';
  if (badge === '已撤回' || badge === '已过期') return 'muted';
  return 'info';
}

/** 0.375 → `37.5%`, 1 → `100%`, 0 → `0%`. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0%';
  const pct = Math.min(rate, 1) * 100;
  const rounded = Math.round(pct * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}
