import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Region } from './region.entity';
import { RegionsAdminController } from './regions-admin.controller';
import { RegionsAdminService } from './regions-admin.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region])],
  controllers: [RegionsController, RegionsAdminController],
  providers: [RegionsService, RegionsAdminService],
  exports: [RegionsService],
})
export class RegionsModule {}
