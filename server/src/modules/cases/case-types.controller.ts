import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CaseTypeDto, type CaseTypeInput, caseTypeInputSchema } from '@sunboard/shared';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { CaseTypesService } from './case-types.service';

/** Case types with their steps and what to prepare: public (residents read them before applying); admins edit. */
@ApiTags('cases')
@Controller()
export class CaseTypesController {
  constructor(private readonly types: CaseTypesService) {}

  @Public()
  @Get('case-types')
  list(): Promise<CaseTypeDto[]> {
    return this.types.list(false);
  }

  @Public()
  @Get('case-types/:id')
  get(@Param('id', IdPipe) id: number): Promise<CaseTypeDto> {
    return this.types.get(id);
  }

  /** Every type, including switched-off ones. */
  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/case-types')
  listAll(): Promise<CaseTypeDto[]> {
    return this.types.list(true);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('admin/case-types')
  @ApiZodBody(caseTypeInputSchema)
  create(@Body(new ZodPipe(caseTypeInputSchema)) body: CaseTypeInput): Promise<CaseTypeDto> {
    return this.types.create(body);
  }

  /** Replaces the name, description, switch and steps; open cases keep the steps they opened with. */
  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/case-types/:id')
  @ApiZodBody(caseTypeInputSchema)
  update(@Param('id', IdPipe) id: number, @Body(new ZodPipe(caseTypeInputSchema)) body: CaseTypeInput): Promise<CaseTypeDto> {
    return this.types.update(id, body);
  }
}
