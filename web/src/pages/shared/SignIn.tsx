import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAuth } from '../../app/auth';
import { navigate, useLocation } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { useI18n } from '../../lib/i18n';
import { useAction } from '../../lib/queries';

/**
 * The only page before sign-in: a person's API token, or the one-time code of a sign-in link (`/signin?code=…`),
 * is exchanged for a session cookie; the token itself is never stored in the browser.
 */
export function SignIn() {
  const { t, lang, setLang } = useI18n();
  const { signIn } = useAuth();
  const { path, search } = useLocation();
  const [token, setToken] = useState('');
  const { busy, error, perform } = useAction();
  const code = path === '/signin' ? search.get('code') : null;
  const tried = useRef(false);

  useEffect(() => {
    if (!code || tried.current) return;
    tried.current = true;
    void perform(() => signIn({ code })).then((done) => {
      if (done) navigate('/', true);
      else window.history.replaceState(null, '', '/signin'); // a used code is of no use again
    });
  }, [code, signIn, perform]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await perform(() => signIn({ token: token.trim() }))) && path === '/signin') navigate('/', true);
  };

  return (
    <main className="signin" id="main">
      <div className="signin-card">
        <p className="brand-mark big">{t('app.name')}</p>
        <p className="muted">{t('app.subtitle')}</p>
        <h1>{t('signin.title')}</h1>
        <p>{code && busy ? t('signin.withCode') : t('signin.intro')}</p>
        <ErrorBox error={error} />
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor="token">{t('signin.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-help"
          />
          <p id="token-help" className="muted small">
            {t('signin.tokenHelp')}
          </p>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signin.busy') : t('signin.submit')}
          </button>
        </form>
        <button type="button" className="link-button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
      </div>
    </main>
  );
}
