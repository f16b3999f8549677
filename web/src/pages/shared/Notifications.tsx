import { useState } from 'react';
import { INBOX_CHANGED } from '../../app/Layout';
import { Link } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { CheckFilter, Filters } from '../../components/ListPage';
import { PagedTable } from '../../components/PagedTable';
import { api, type Page } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { useAction } from '../../lib/use-action';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The reader's own notifications (reminders, urgings, escalations, notices), newest first. */
export function Notifications() {
  const { t, lang } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [version, setVersion] = useState(0);
  const { error, perform } = useAction();
  const act = async (path: string) => {
    if (!(await perform(() => api('POST', path)))) return;
    setVersion((v) => v + 1);
    window.dispatchEvent(new Event(INBOX_CHANGED));
  };
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <Filters>
        <CheckFilter label={t('notifications.unread')} checked={unreadOnly} onChange={setUnreadOnly} />
        <button type="button" onClick={() => void act('/v1/inbox/read-all')}>
          {t('notifications.markAll')}
        </button>
      </Filters>
      <ErrorBox error={error} />
      <PagedTable<Notification>
        caption={t('notifications.title')}
        rowKey={(n) => n.id}
        rowClass={(n) => (n.readAt ? undefined : 'unread')}
        deps={[unreadOnly, version]}
        load={(page) =>
          api<Page<Notification>>(
            'GET',
            `/v1/inbox?limit=${page.limit}&offset=${page.offset}${unreadOnly ? '&unread=true' : ''}`,
          )
        }
        columns={[
          { key: 'at', header: 'notifications.at', render: (n) => formatDateTime(n.createdAt, lang) },
          {
            key: 'message',
            header: 'notifications.message',
            render: (n) => (
              <div>
                <strong>
                  {n.taskId ? <Link to={`/tasks/${encodeURIComponent(n.taskId)}`}>{n.title}</Link> : n.title}
                </strong>
                <p className="small">{n.body}</p>
              </div>
            ),
          },
          {
            key: 'read',
            header: 'notifications.unread',
            render: (n) =>
              n.readAt ? (
                '—'
              ) : (
                <button type="button" className="link-button" onClick={() => void act(`/v1/inbox/${n.id}/read`)}>
                  {t('notifications.markRead')}
                </button>
              ),
          },
        ]}
      />
    </section>
  );
}
