/** Roles a user can hold. Staff roles are each scoped to a region subtree. */
export const ROLES = ['resident', 'grid_worker', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['grid_worker', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  reviewer: '审核人',
  admin: '管理员',
};
