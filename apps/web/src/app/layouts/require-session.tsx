import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../../components/page-loading.tsx';
import { useSession } from '../../lib/session.tsx';

/** The 法人空间 and the sealing page need a logged-in unit; others are sent to CA 锁登录. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <PageLoading />;
  if (me === null) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?redirect=${encodeURIComponent(back)}`} replace />;
  }
  return children;
}
