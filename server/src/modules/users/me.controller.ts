import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { updateMeSchema, type UpdateMeInput, type UserDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.me(user.id);
  }

  /** Home region (a community or village), display name, elder mode. */
  @Patch()
  @ApiZodBody(updateMeSchema)
  update(@CurrentUser() user: AuthUser, @Body(new ZodPipe(updateMeSchema)) body: UpdateMeInput): Promise<UserDto> {
    return this.users.updateMe(user.id, body);
  }
}
