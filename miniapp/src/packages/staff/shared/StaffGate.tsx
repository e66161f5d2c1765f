import Taro from '@tarojs/taro';
import type { StaffRole } from '@sunboard/shared';
import type { ReactNode } from 'react';
import { Pressable } from '../../../components/Pressable';
import { EmptyState } from '../../../components/StateView';
import { ROUTES } from '../../../lib/routes';
import { hasRole, hasStaffRole } from '../../../lib/staff';
import { useSession } from '../../../stores/session';
import styles from './staff.module.scss';

/** Staff pages: only for users with a staff role (optionally one of `roles`); others are told why. */
export function StaffGate({ roles, children }: { roles?: StaffRole[]; children: ReactNode }) {
  const user = useSession((s) => s.user);
  const allowed = roles ? hasRole(user, roles) : hasStaffRole(user);
  if (allowed) return <>{children}</>;
  return (
    <EmptyState title='仅限工作人员使用' text={roles ? '这个页面只有审核人和管理员可以使用。' : '网格员、审核人凭邀请码认证后，可以在这里发布和审核公开信息。'}>
      {!hasStaffRole(user) ? (
        <Pressable className={styles.primary} onPress={() => void Taro.redirectTo({ url: ROUTES.staffClaim })}>
          去认证
        </Pressable>
      ) : null}
    </EmptyState>
  );
}
