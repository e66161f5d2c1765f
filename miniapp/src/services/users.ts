import type { UpdateMeInput, UserDto } from '@sunboard/shared';
import { useSession } from '../stores/session';
import { http } from './http';

export function getMe(): Promise<UserDto> {
  return http.get<UserDto>('/api/me');
}

/** PATCH /api/me and keep the session's user in step. */
export async function updateMe(patch: UpdateMeInput): Promise<UserDto> {
  const user = await http.patch<UserDto>('/api/me', patch);
  useSession.getState().setUser(user);
  return user;
}
