import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../errors/app-error';

/** The logged-in caller. On a @Public route without a token it is undefined unless `optional` is false. */
export const CurrentUser = createParamDecorator((optional: boolean | undefined, ctx: ExecutionContext): AuthUser | undefined => {
  const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user && !optional) throw new AppError('UNAUTHENTICATED');
  return user;
});
