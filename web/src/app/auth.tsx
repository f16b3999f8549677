import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, ApiError, onSessionLost, setCsrfToken } from '../lib/api';

export type Role = 'OFFICE' | 'UNIT' | 'LEADER' | 'GROUP' | 'OBSERVER' | 'ENFORCEMENT';

/** Who is signed in, as /auth/session says. */
export interface Session {
  person: { id: string; name: string; title: string; roles: Role[] };
  unit: { id: string; name: string; kind: string | null };
  csrfToken: string;
  expiresAt: string;
}

export interface Auth {
  /** undefined while the page asks; null when nobody is signed in. */
  session: Session | null | undefined;
  signIn: (credential: { token: string } | { code: string }) => Promise<void>;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const queries = useQueryClient();
  const adopt = useCallback(
    (s: Session | null) => {
      // What was read for one person is never shown to the next (sign-out, a lost session, another sign-in).
      queries.clear();
      setCsrfToken(s?.csrfToken);
      setSession(s);
    },
    [queries],
  );
  useEffect(() => {
    onSessionLost(() => adopt(null));
    api<Session>('GET', '/auth/session').then(adopt, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) adopt(null);
      else adopt(null);
    });
    return () => onSessionLost(undefined);
  }, [adopt]);
  const signIn = useCallback(
    async (credential: { token: string } | { code: string }) =>
      adopt(await api<Session>('POST', '/auth/session', credential)),
    [adopt],
  );
  const signOut = useCallback(async () => {
    await api('DELETE', '/auth/session').catch(() => undefined);
    adopt(null);
  }, [adopt]);
  const hasRole = useCallback(
    (...roles: Role[]) => !!session && roles.some((r) => session.person.roles.includes(r)),
    [session],
  );
  return <AuthContext.Provider value={{ session, signIn, signOut, hasRole }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in session; pages behind sign-in always have one. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('no session');
  return session;
}
