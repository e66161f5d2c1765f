import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { LoginResultDto } from '@sunboard/shared';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { AppError } from '../../common/errors/app-error';
import { Region } from '../regions/region.entity';
import { StaffRoleGrant } from '../users/staff-role.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../wechat/wechat.client';
import { loginErrorKind, WechatApiError, WechatTransportError } from '../wechat/wechat.errors';

const LOGIN_ERRORS = {
  invalid: 'LOGIN_CODE_INVALID',
  expired: 'LOGIN_CODE_EXPIRED',
  used: 'LOGIN_CODE_USED',
  blocked: 'LOGIN_BLOCKED',
} as const;

/** WeChat login: code2Session, upsert the user by openid, issue our own token. session_key stays here. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly wechat: WechatClient,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async loginWithWechat(code: string): Promise<LoginResultDto> {
    const session = await this.code2Session(code);
    const { user, isNew } = await this.upsert(session.openid, session.unionid ?? null);
    const expiresAt = new Date(Date.now() + this.config.jwt.ttlSeconds * 1000);
    const token = await this.jwt.signAsync({ sub: user.id }, { expiresIn: this.config.jwt.ttlSeconds });
    return { token, expiresAt: expiresAt.toISOString(), user: await this.users.toDto(user), isNewUser: isNew };
  }

  private async code2Session(code: string) {
    try {
      return await this.wechat.code2Session(code);
    } catch (err) {
      const kind = loginErrorKind(err);
      if (kind) throw new AppError(LOGIN_ERRORS[kind]);
      if (err instanceof WechatApiError || err instanceof WechatTransportError) {
        this.logger.warn({ errcode: (err as WechatApiError).errcode, endpoint: 'jscode2session' }, 'WeChat login failed');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      throw err;
    }
  }

  /** Finds or creates the user; a new user whose openid is in ADMIN_OPENIDS becomes a district admin. */
  private async upsert(openid: string, unionid: string | null): Promise<{ user: User; isNew: boolean }> {
    const repo = this.db.getRepository(User);
    const existing = await repo.findOneBy({ openid });
    if (existing) {
      existing.lastSeenAt = new Date();
      if (unionid && existing.unionid !== unionid) existing.unionid = unionid;
      await repo.save(existing);
      return { user: existing, isNew: false };
    }
    try {
      const user = await this.db.transaction(async (tx) => {
        const created = await tx.getRepository(User).save(
          tx.getRepository(User).create({ openid, unionid, displayName: '居民', elderMode: false, lastSeenAt: new Date() }),
        );
        if (this.config.adminOpenids.includes(openid)) await this.grantBootstrapAdmin(tx, created.id);
        return created;
      });
      return { user, isNew: true };
    } catch (err) {
      // Two first logins at once: the unique openid index lets one win; the other reads it.
      const again = await repo.findOneBy({ openid });
      if (again) return { user: again, isNew: false };
      throw err;
    }
  }

  private async grantBootstrapAdmin(tx: EntityManager, userId: number): Promise<void> {
    const roots = await tx.getRepository(Region).find({ where: { parentId: IsNull() }, order: { id: 'ASC' } });
    const regionIds: Array<number | null> = roots.length ? roots.map((r) => r.id) : [null];
    const grants = tx.getRepository(StaffRoleGrant);
    for (const regionId of regionIds) await grants.save(grants.create({ userId, role: 'admin', regionId, grantedBy: null }));
    this.logger.log({ userId, regions: regionIds }, 'bootstrap admin granted from ADMIN_OPENIDS');
  }
}
