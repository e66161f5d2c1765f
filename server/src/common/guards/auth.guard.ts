import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { StaffRole } from '@sunboard/shared';
import { AppError } from '../errors/app-error';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { REQUIRED_ROLES } from '../decorators/roles.decorator';
import type { AuthUser } from '../auth/auth-user';
import { AuthUserLoader } from '../auth/auth-user.loader';

interface TokenPayload {
  sub: number;
}

/**
 * The global guard: every route needs a valid bearer token unless marked @Public, and a route
 * marked @Roles(...) needs one of those staff roles. Region scope is checked in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly loader: AuthUserLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<StaffRole[]>(REQUIRED_ROLES, targets) ?? [];
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    if (token) {
      request.user = await this.authenticate(token, isPublic);
    } else if (!isPublic) {
      throw new AppError('UNAUTHENTICATED');
    }
    if (roles.length && !request.user?.grants.some((g) => roles.includes(g.role))) {
      throw new AppError('FORBIDDEN', request.user ? undefined : '请先登录');
    }
    return true;
  }

  private async authenticate(token: string, isPublic: boolean): Promise<AuthUser | undefined> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload & object>(token);
    } catch (err) {
      if (isPublic) return undefined;
      throw new AppError((err as Error).name === 'TokenExpiredError' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
    }
    const user = await this.loader.load(Number(payload.sub));
    if (!user && !isPublic) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    return user ?? undefined;
  }
}
