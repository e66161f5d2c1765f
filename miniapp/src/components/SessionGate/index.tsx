import type { ReactNode } from 'react';
import { startSession } from '../../services/auth';
import { useSession } from '../../stores/session';
import { EmptyState, ErrorState, LoadingState } from '../StateView';

/** Shows its children once the silent login is done; meanwhile 正在登录…, or why it failed. */
export function SessionGate({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  if (status === 'ready') return <>{children}</>;
  if (status === 'unsupported') {
    return <EmptyState title='请在微信中使用' text={error ?? undefined} />;
  }
  if (status === 'failed') {
    return <ErrorState message={error ?? '登录失败，请稍后重试'} onRetry={() => void startSession()} retryText='重新登录' />;
  }
  return <LoadingState text='正在登录…' />;
}
