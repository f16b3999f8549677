import { useState } from 'react';
import { Link } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { CheckFilter, Filters } from '../../components/ListPage';
import { PagedTable } from '../../components/PagedTable';
import { api, type Page } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { under, useAction, type Optimistic } from '../../lib/queries';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

type Inbox = Page<Notification> & { unread: number };

/**
 * Marking one notification read (`id`), or all: every cached inbox read shows it at once (the list, the unread-only
 * list, the count in the menu and the tab's title), and shows it again as it was if the API refuses.
 */
function markRead(id?: string): Optimistic {
  const readAt = new Date().toISOString();
  return {
    reads: under('/v1/inbox'),
    update: (data, key) => {
      const inbox = data as Inbox;
      const unreadOnly = String(key[0]).includes('unread=true');
      const items = inbox.items.flatMap((n) =>
        n.readAt || (id !== undefined && n.id !== id) ? [n] : unreadOnly ? [] : [{ ...n, readAt }],
      );
      const unread = id === undefined ? 0 : Math.max(0, inbox.unread - 1);
      return { ...inbox, items, unread, total: inbox.total - (inbox.items.length - items.length) };
    },
  };
}

/** The reader's own notifications (reminders, urgings, escalations, notices), newest first. */
export function Notifications() {
  const { t, lang } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { error, perform } = useAction();
  const act = (path: string, id?: string) => perform(() => api('POST', path), markRead(id));
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
        path={(page) => `/v1/inbox?limit=${page.limit}&offset=${page.offset}${unreadOnly ? '&unread=true' : ''}`}
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
                <button type="button" className="link-button" onClick={() => void act(`/v1/inbox/${n.id}/read`, n.id)}>
                  {t('notifications.markRead')}
                </button>
              ),
          },
        ]}
      />
    </section>
  );
}
