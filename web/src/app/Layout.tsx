import { useEffect } from 'react';
import { useI18n } from '../lib/i18n';
import { useApi } from '../lib/queries';
import { useHasRollup } from '../lib/rollup';
import { useAuth, useSession } from './auth';
import { Link, useLocation } from './router';
import { routes } from './routes';

/** The frame of every signed-in page: who is signed in, the navigation for their roles, language, sign-out. */
export function Layout({ children }: { children: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { signOut, hasRole, deputy, actFor } = useAuth();
  const session = useSession();
  const { path } = useLocation();
  // Each role's own pages first, then the pages everyone has (notifications).
  const higherLevel = useHasRollup();
  const nav = routes
    .filter((r) => r.nav && (!r.roles || hasRole(...r.roles)) && (!r.higherLevelOnly || higherLevel))
    .sort((a, b) => Number(!a.roles) - Number(!b.roles));
  const unread = useUnreadCount();
  // The current entry is the longest nav path the location is at or under ('/office/plan' is not '/office').
  const current = nav
    .filter((r) => path === r.path || path.startsWith(`${r.path}/`))
    .reduce<string | undefined>((best, r) => (best && best.length >= r.path.length ? best : r.path), undefined);
  // On a phone the menu is one scrolling row: keep the current entry in view.
  useEffect(() => {
    document.querySelector('.mainnav [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </Link>
        <div className="who">
          <span className="who-name">{t('signedInAs', { name: session.person.name, unit: session.unit.name })}</span>
          <span className="muted small who-roles">{session.person.roles.map((r) => t(`role.${r}`)).join('、')}</span>
        </div>
        <div className="top-actions">
          <button
            type="button"
            className="link-button"
            title={t('lang.label')}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t('lang.switch')}
          </button>
          <button type="button" onClick={() => void signOut()}>
            {t('signout')}
          </button>
        </div>
      </header>
      <nav className="mainnav" aria-label={t('nav.main')}>
        <ul>
          {nav.map((r) => (
            <li key={r.path}>
              <Link to={r.path} aria-current={r.path === current ? 'page' : undefined}>
                {t(r.nav ?? '')}
                {r.path === '/notifications' && unread > 0 && (
                  <span className="count" aria-label={t('notifications.unreadCount', { n: unread })}>
                    {unread}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {deputy && (
        <div className="acting-banner" role="status" data-testid="acting-banner">
          <span>{t('abs.acting', { name: session.person.name })}</span>
          <button type="button" onClick={() => void actFor(undefined)}>
            {t('abs.stopActing')}
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

const COUNTED = /^\(\d+\) /;

/**
 * The reader's unread notifications, kept live (also while the tab is hidden, and at once when a page marks some
 * read), and shown before the tab's title, `(3) 合力 · …`, until there are none.
 */
function useUnreadCount(): number {
  const unread = useApi<{ unread: number }>('/v1/inbox?limit=1', { background: true }).value?.unread ?? 0;
  useEffect(() => {
    const title = document.title.replace(COUNTED, '');
    document.title = unread > 0 ? `(${unread}) ${title}` : title;
  }, [unread]);
  useEffect(
    () => () => {
      document.title = document.title.replace(COUNTED, '');
    },
    [],
  );
  return unread;
}
