import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StaffRole } from '@sunboard/shared';
import type { AuthUser } from './auth-user';

interface Row {
  id: number;
  openid: string;
  home_region_id: number | null;
  grant_id: number | null;
  role: StaffRole | null;
  region_id: number | null;
  region_path: string | null;
}

/** Loads the caller with their active staff grants and the region paths those cover, in one query. */
@Injectable()
export class AuthUserLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(userId: number): Promise<AuthUser | null> {
    const rows: Row[] = await this.db.query(
      `SELECT u.id, u.openid, u.home_region_id, g.id AS grant_id, g.role, g.region_id, r.path AS region_path
         FROM app_user u
         LEFT JOIN staff_role g ON g.user_id = u.id AND g.revoked_at IS NULL
         LEFT JOIN region r ON r.id = g.region_id
        WHERE u.id = ?`,
      [userId],
    );
    if (!rows.length) return null;
    const first = rows[0];
    return {
      id: Number(first.id),
      openid: first.openid,
      homeRegionId: first.home_region_id === null ? null : Number(first.home_region_id),
      grants: rows
        .filter((r) => r.grant_id !== null && (r.region_id === null || r.region_path !== null))
        .map((r) => ({
          id: Number(r.grant_id),
          role: r.role as StaffRole,
          regionId: r.region_id === null ? null : Number(r.region_id),
          regionPath: r.region_path,
        })),
    };
  }
}
