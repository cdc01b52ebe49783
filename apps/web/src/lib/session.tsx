// Who is logged in, for every page: the header shows the unit's name, the space pages need a
// session, and the login page refreshes it after a successful CA-key login.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@hall/shared/schemas/session';
import { apiFetch, isApiError, UNAUTHENTICATED_EVENT } from './api.ts';
import { showError } from './notify.ts';

export type { Me } from '@hall/shared/schemas/session';

interface SessionValue {
  /** undefined while loading, null when no one is logged in */
  me: Me | null | undefined;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

async function fetchMe(): Promise<Me | null> {
  try {
    return await apiFetch<Me>('/api/me');
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const value = await fetchMe();
      setMe(value);
      return value;
    } catch (err) {
      showError(err);
      setMe(null);
      return null;
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiFetch('/api/auth/logout', { method: 'POST' });
    } catch (err) {
      if (!(isApiError(err) && err.status === 401)) showError(err);
    }
    setMe(null);
  }, []);

  useEffect(() => {
    void refresh();
    const onUnauthenticated = () => setMe(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [refresh]);

  const value = useMemo(() => ({ me, refresh, logout }), [me, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
