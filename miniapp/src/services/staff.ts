import type { UserDto } from '@sunboard/shared';
import { useSession } from '../stores/session';
import { http } from './http';

/** A staff invite code turns the user into a grid worker / reviewer / admin. */
export async function claimStaffInvite(code: string): Promise<UserDto> {
  const user = await http.post<UserDto>('/api/staff/claim', { code });
  useSession.getState().setUser(user);
  return user;
}
