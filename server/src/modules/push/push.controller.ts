import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PUSH_MESSAGE_TYPE_LABELS, type PushFiguresDto, type PushFiguresQuery, pushFiguresQuerySchema, type PushTemplateDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { PushFiguresService } from './push-figures.service';
import { PushTemplates } from './push-templates';

@ApiTags('push')
@Controller('push')
export class PushController {
  constructor(
    @Inject(PushTemplates) private readonly templates: PushTemplates,
    private readonly figuresService: PushFiguresService,
  ) {}

  @Public()
  @Get('templates')
  @ApiOperation({ summary: 'The template id per message type, for requestSubscribeMessage (≤ 3 ids per call, never one-time and long-term together)' })
  list(): { items: PushTemplateDto[] } {
    return {
      items: this.templates.all().map((t) => ({ messageType: t.messageType, label: PUSH_MESSAGE_TYPE_LABELS[t.messageType], templateId: t.templateId, longTerm: t.longTerm })),
    };
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get('figures')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delivery figures per notice (?noticeId=) or per region and period (?regionId=&from=&to=), for staff covering it' })
  figures(@CurrentUser() user: AuthUser, @Query(new ZodPipe(pushFiguresQuerySchema)) query: PushFiguresQuery): Promise<PushFiguresDto> {
    return this.figuresService.figures(user, query);
  }
}
