import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';

/**
 * Throttles per logged-in user rather than per address: guessing invite codes is limited per
 * account, and many staff claiming from one office network (one NAT address) are not blocked.
 * The global auth guard has already attached the user when this runs.
 */
@Injectable()
export class ClaimThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const user = req.user as AuthUser | undefined;
    return user ? `user:${user.id}` : `ip:${String(req.ip)}`;
  }
}
