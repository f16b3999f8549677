import { useEffect } from 'react';
import { useSession } from '../../app/auth';
import { navigate } from '../../app/router';
import { homeOf } from '../../app/routes';
import { useHasRollup } from '../../lib/rollup';

/** `/`: each person's own start page (a higher level's: the roll-up of the organisations under it). */
export function Home() {
  const session = useSession();
  const higherLevel = useHasRollup();
  useEffect(() => {
    if (higherLevel !== undefined) navigate(homeOf(session.person.roles, higherLevel), true);
  }, [session, higherLevel]);
  return null;
}
