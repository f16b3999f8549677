import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { I18nContext, initialLang, storeLang, translate, useI18n, type Lang } from '../lib/i18n';
import { newQueryClient } from '../lib/queries';
import { NotFound } from '../pages/shared/NotFound';
import { SignIn } from '../pages/shared/SignIn';
import { AuthProvider, useAuth } from './auth';
import { Layout } from './Layout';
import { matchPath, RouterProvider, useLocation } from './router';
import { routes } from './routes';

/** Nothing but the sign-in form before sign-in; then the page the path names, if the person's roles allow it. */
function Pages() {
  const { session, hasRole } = useAuth();
  const { path } = useLocation();
  const { t } = useI18n();
  if (session === undefined) return <p className="loading-page">{t('common.loading')}</p>;
  if (session === null) return <SignIn />;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.roles && !hasRole(...route.roles)) break;
    const loading = <p className="loading-page">{t('common.loading')}</p>;
    return (
      <Layout>
        <Suspense fallback={loading}>{route.render(params)}</Suspense>
      </Layout>
    );
  }
  return (
    <Layout>
      <NotFound />
    </Layout>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [queryClient] = useState(newQueryClient);
  const setLang = useCallback((l: Lang) => {
    storeLang(l);
    setLangState(l);
  }, []);
  const i18n = useMemo(
    () => ({
      lang,
      setLang,
      t: (key: string, params?: Record<string, string | number>) => translate(lang, key, params),
    }),
    [lang, setLang],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <RouterProvider>
          <AuthProvider>
            <Pages />
          </AuthProvider>
        </RouterProvider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
