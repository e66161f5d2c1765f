import type { UserDto } from '@sunboard/shared';
import { badgeTone, canReview, formatRate, hasStaffRole, scopeRoots, statusBadges } from './staff';

const ref = (id: number, fullName: string) => ({ id, name: fullName.split(' / ').pop()!, level: 'community' as const, fullName });

describe('staff roles', () => {
  const grid = { staffRoles: [{ id: 1, role: 'grid_worker', region: ref(7, '湛河区 / 马庄街道 / 光明社区') }] } as Pick<UserDto, 'staffRoles'>;
  const reviewer = { staffRoles: [{ id: 2, role: 'reviewer', region: ref(2, '湛河区 / 马庄街道') }] } as Pick<UserDto, 'staffRoles'>;
  it('knows who sees the workbench and the review queue', () => {
    expect(hasStaffRole(grid)).toBe(true);
    expect(hasStaffRole({ staffRoles: [] })).toBe(false);
    expect(hasStaffRole(null)).toBe(false);
    expect(canReview(grid)).toBe(false);
    expect(canReview(reviewer)).toBe(true);
  });
  it('keeps the outermost regions of the scope', () => {
    const both = { staffRoles: [...grid.staffRoles, ...reviewer.staffRoles] } as Pick<UserDto, 'staffRoles'>;
    expect(scopeRoots(both).map((r) => r?.id)).toEqual([2]);
    expect(scopeRoots(grid).map((r) => r?.id)).toEqual([7]);
    expect(scopeRoots({ staffRoles: [{ id: 3, role: 'admin', region: null }] } as Pick<UserDto, 'staffRoles'>)).toEqual([null]);
  });
});

describe('status badges', () => {
  it('says the status in words', () => {
    expect(statusBadges({ status: 'draft' })).toEqual(['草稿']);
    expect(statusBadges({ status: 'draft', rejectionReason: '附件不清晰' })).toEqual(['已退回']);
    expect(statusBadges({ status: 'pending_review' })).toEqual(['待审核']);
    expect(statusBadges({ status: 'published', hasPendingRevision: true, corrected: true })).toEqual(['已发布', '更正待审核', '已更正']);
    expect(badgeTone('已退回')).toBe('warn');
    expect(badgeTone('已发布')).toBe('ok');
  });
});

describe('formatRate', () => {
  it('formats the 知晓率', () => {
    expect(formatRate(0.375)).toBe('37.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.33333)).toBe('33.3%');
    expect(formatRate(NaN)).toBe('0%');
  });
});
