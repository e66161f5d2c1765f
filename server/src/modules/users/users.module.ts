import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '../regions/regions.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { MeController } from './me.controller';
import { StaffRoleGrant } from './staff-role.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, StaffRoleGrant]), RegionsModule, SubscriptionsModule],
  controllers: [MeController],
  providers: [UsersService],
  exports: [UsersService, TypeOrmModule],
})
export class UsersModule {}
