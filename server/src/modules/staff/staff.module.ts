import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { ClaimThrottlerGuard } from './claim-throttler.guard';
import { InvitesService } from './invites.service';
import { StaffInvite } from './staff-invite.entity';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffInvite]), RegionsModule, UsersModule],
  controllers: [StaffController],
  providers: [InvitesService, StaffService, ClaimThrottlerGuard],
})
export class StaffModule {}
