import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { HOME_REGION_LEVELS, REGION_LEVEL_LABELS, type UpdateMeInput, type UserDto } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { RegionsService } from '../regions/regions.service';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { StaffRoleGrant } from './staff-role.entity';
import { User } from './user.entity';
import { toUserDto } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(StaffRoleGrant) private readonly grants: Repository<StaffRoleGrant>,
    private readonly regions: RegionsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async get(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw AppError.notFound('用户');
    return user;
  }

  /** The user as the API shows them: home region and staff grants with full region names. */
  async toDto(user: User): Promise<UserDto> {
    const grants = await this.grants.find({ where: { userId: user.id, revokedAt: IsNull() }, order: { id: 'ASC' } });
    const refs = await this.regions.refs([user.homeRegionId, ...grants.map((g) => g.regionId)]);
    return toUserDto(user, grants, refs);
  }

  async me(id: number): Promise<UserDto> {
    return this.toDto(await this.get(id));
  }

  async updateMe(id: number, input: UpdateMeInput): Promise<UserDto> {
    const user = await this.get(id);
    // Push core (issue 4): a resident's first home community starts them on its 紧急通知 (unless they chose topics).
    const firstHome = user.homeRegionId === null && input.homeRegionId !== undefined;
    if (input.homeRegionId !== undefined) {
      const region = await this.regions.get(input.homeRegionId, 'homeRegionId');
      if (!HOME_REGION_LEVELS.includes(region.level)) {
        throw AppError.field('homeRegionId', `请选择社区或村，不能选择${REGION_LEVEL_LABELS[region.level]}`);
      }
      user.homeRegionId = region.id;
    }
    if (input.displayName !== undefined) user.displayName = input.displayName;
    if (input.elderMode !== undefined) user.elderMode = input.elderMode;
    await this.users.manager.transaction(async (tx) => {
      await tx.getRepository(User).save(user);
      if (firstHome) await this.subscriptions.startWithHomeEmergency(tx, user.id, user.homeRegionId!);
    });
    return this.toDto(user);
  }
}
