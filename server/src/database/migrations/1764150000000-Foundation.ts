import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, timeColumn } from '../migration-helpers';

/** Regions, users, staff roles and invites, and the shared WeChat token row. */
export class Foundation1764150000000 implements MigrationInterface {
  name = 'Foundation1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'region',
        columns: [
          idColumn(),
          { name: 'code', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '50' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'parent_id', type: 'integer', isNullable: true },
          { name: 'path', type: 'varchar', length: '255' },
          { name: 'depth', type: 'integer' },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        indices: [
          { name: 'uq_region_code', columnNames: ['code'], isUnique: true },
          { name: 'ix_region_parent', columnNames: ['parent_id'] },
          { name: 'ix_region_path', columnNames: ['path'] },
        ],
        foreignKeys: [{ name: 'fk_region_parent', columnNames: ['parent_id'], referencedTableName: 'region', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          idColumn(),
          { name: 'openid', type: 'varchar', length: '64' },
          { name: 'unionid', type: 'varchar', length: '64', isNullable: true },
          { name: 'display_name', type: 'varchar', length: '40' },
          { name: 'home_region_id', type: 'integer', isNullable: true },
          boolColumn('elder_mode'),
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'last_seen_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_user_openid', columnNames: ['openid'], isUnique: true },
          { name: 'ix_user_home_region', columnNames: ['home_region_id'] },
        ],
        foreignKeys: [{ name: 'fk_user_home_region', columnNames: ['home_region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_role',
        columns: [
          idColumn(),
          { name: 'user_id', type: 'integer' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'region_id', type: 'integer', isNullable: true },
          { name: 'granted_by', type: 'integer', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'revoked_at', { nullable: true }),
        ],
        indices: [
          { name: 'ix_staff_role_user', columnNames: ['user_id'] },
          { name: 'ix_staff_role_region', columnNames: ['region_id'] },
        ],
        foreignKeys: [
          { name: 'fk_staff_role_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_staff_role_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_invite',
        columns: [
          idColumn(),
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'region_id', type: 'integer' },
          { name: 'created_by', type: 'integer' },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'expires_at'),
          { name: 'claimed_by', type: 'integer', isNullable: true },
          timeColumn(q, 'claimed_at', { nullable: true }),
          timeColumn(q, 'revoked_at', { nullable: true }),
        ],
        indices: [{ name: 'uq_staff_invite_code', columnNames: ['code_hash'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_staff_invite_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_staff_invite_creator', columnNames: ['created_by'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'wechat_token',
        columns: [
          { name: 'appid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'access_token', type: 'varchar', length: '512' },
          timeColumn(q, 'expires_at'),
          timeColumn(q, 'updated_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['wechat_token', 'staff_invite', 'staff_role', 'app_user', 'region']) await q.dropTable(t);
  }
}

