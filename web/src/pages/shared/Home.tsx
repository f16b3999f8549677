import { useEffect } from 'react';
import { useSession } from '../../app/auth';
import { navigate } from '../../app/router';
import { homeOf } from '../../app/routes';

/** `/`: each person's own start page. */
export function Home() {
  const session = useSession();
  useEffect(() => navigate(homeOf(session.person.roles), true), [session]);
  return null;
}
