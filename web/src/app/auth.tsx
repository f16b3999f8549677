import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, ApiError, onSessionLost, setActingFor, setCsrfToken } from '../lib/api';

export type Role = 'OFFICE' | 'UNIT' | 'LEADER' | 'GROUP' | 'OBSERVER' | 'ENFORCEMENT' | 'ADMIN';

/** Who is signed in, as /auth/session says. */
export interface Session {
  person: { id: string; name: string; title: string; roles: Role[] };
  unit: { id: string; name: string; kind: string | null };
  csrfToken: string;
  expiresAt: string;
}

export interface Auth {
  /**
   * undefined while the page asks; null when nobody is signed in. While the signed-in deputy acts for an absent person
   * (请假与代理), the session of that person: their name, unit and roles decide what the pages offer.
   */
  session: Session | null | undefined;
  /** The deputy's own person while they act for someone (`session` is then the absent person's). */
  deputy?: Session['person'];
  /** Act for an absent person the signed-in user stands in for today, or (undefined) as oneself again. */
  actFor: (personId: string | undefined) => Promise<void>;
  signIn: (credential: { token: string } | { code: string }) => Promise<void>;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | undefined>(undefined);

/** Where a tab keeps whom its deputy acts for. */
const ACTING_KEY = 'heli.actingFor';

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
  const [acting, setActing] = useState<Session | undefined>(undefined);
  const actFor = useCallback(
    async (personId: string | undefined) => {
      queries.clear();
      setActingFor(personId);
      // Kept for this tab (a reload keeps acting for them), asked again of the API each time.
      if (personId) sessionStorage.setItem(ACTING_KEY, personId);
      else sessionStorage.removeItem(ACTING_KEY);
      if (!personId || !session) return setActing(undefined);
      try {
        const person = await api<{ id: string; name: string; title: string; roles: Role[]; unitId: string }>(
          'GET',
          '/v1/me',
        );
        const unit = await api<{ items: { id: string; name: string; kind: string }[] }>(
          'GET',
          `/v1/units?limit=200`,
        ).then((page) => page.items.find((u) => u.id === person.unitId));
        setActing({
          ...session,
          person: { id: person.id, name: person.name, title: person.title, roles: person.roles },
          unit: { id: person.unitId, name: unit?.name ?? person.unitId, kind: unit?.kind ?? null },
        });
      } catch (err) {
        setActingFor(undefined);
        sessionStorage.removeItem(ACTING_KEY);
        setActing(undefined);
        throw err;
      }
    },
    [queries, session],
  );
  // Signing out, or another sign-in, ends acting for anyone; a reload acts again for whom this tab acted for, if the
  // absence still lasts.
  useEffect(() => {
    if (!session) {
      setActingFor(undefined);
      setActing(undefined);
      return;
    }
    const kept = sessionStorage.getItem(ACTING_KEY);
    if (kept) actFor(kept).catch(() => undefined);
  }, [session]);
  const shown = acting ?? session;
  const hasRole = useCallback(
    (...roles: Role[]) => !!shown && roles.some((r) => shown.person.roles.includes(r)),
    [shown],
  );
  return (
    <AuthContext.Provider
      value={{
        session: shown,
        deputy: acting && session ? session.person : undefined,
        actFor,
        signIn,
        signOut,
        hasRole,
      }}
    >
      {children}
    </AuthContext.Provider>
  );
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
