import { z } from 'zod';
import { ROLES, STAFF_ROLES } from '../enums/roles';
import { idSchema, text } from './common';
import type { RegionLevel } from '../enums/region-levels';

export const wechatLoginSchema = z.object({
  code: z
    .string({ message: '缺少登录凭证 code' })
    .trim()
    .min(1, { message: '登录凭证 code 不能为空' })
    .max(128, { message: '登录凭证 code 过长' }),
});
export type WechatLoginInput = z.infer<typeof wechatLoginSchema>;

export const updateMeSchema = z
  .object({
    homeRegionId: idSchema.optional(),
    displayName: text(20, '昵称').optional(),
    elderMode: z.boolean({ message: '大字模式必须是 true 或 false' }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

export const roleSchema = z.enum(ROLES, { message: '角色无效' });
export const staffRoleSchema = z.enum(STAFF_ROLES, { message: '角色必须是 grid_worker、reviewer 或 admin' });

export interface RegionRefDto {
  id: number;
  name: string;
  level: RegionLevel;
  /** Names from the district down to this region, e.g. 湛河区 / 马庄街道 / 光明社区 */
  fullName: string;
}

export interface RoleGrantDto {
  id: number;
  role: (typeof STAFF_ROLES)[number];
  region: RegionRefDto | null;
}

export interface UserDto {
  id: number;
  displayName: string;
  homeRegion: RegionRefDto | null;
  elderMode: boolean;
  /** Staff roles with the region subtree each covers; empty for a plain resident. */
  staffRoles: RoleGrantDto[];
  createdAt: string;
}

export interface LoginResultDto {
  token: string;
  expiresAt: string;
  user: UserDto;
  isNewUser: boolean;
}
