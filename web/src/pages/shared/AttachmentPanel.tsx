import { useRef, useState } from 'react';
import { useSession } from '../../app/auth';
import { ApiError, upload } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import type { Task } from '../../lib/types';

interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  purpose: string | null;
  uploadedBy: string;
  createdAt: string;
  step: string | null;
  href: string;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** A task's attachments: everyone who sees the task reads them; its lead and co-organising units and the office attach. */
export function TaskAttachmentPanel({ task }: { task: Task }) {
  const session = useSession();
  const roles = session.person.roles;
  const ownUnit = task.leadUnitId === session.unit.id || task.coUnitIds.includes(session.unit.id);
  const canUpload = roles.includes('OFFICE') || (roles.includes('UNIT') && ownUnit);
  return <AttachmentPanel path={`/v1/tasks/${task.id}/attachments`} canUpload={canUpload} />;
}

/**
 * The attachments (佐证材料) of what `path` lists them for (`…/attachments`: a task, one unit's part of an inspection
 * round, a case): the list with download links for whoever sees it, and, with `canUpload`, a file picker that uploads
 * with a progress bar (as `purpose`, when given). `heading`: the panel's heading, when not 佐证材料.
 */
export function AttachmentPanel({
  path,
  canUpload,
  purpose,
  heading,
}: {
  path: string;
  canUpload: boolean;
  purpose?: string;
  heading?: string;
}) {
  const { t } = useI18n();
  const session = useSession();
  const list = useApi<{ items: Attachment[] }>(path);
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  /** The PDF previewed in the page, if any. */
  const [shown, setShown] = useState<string | undefined>();

  const send = async (file: File) => {
    setError(undefined);
    setProgress(0);
    try {
      await upload(path, file, purpose ? { purpose } : {}, setProgress);
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 ? err.message : t('attachments.failed'));
    } finally {
      setProgress(undefined);
      if (input.current) input.current.value = '';
    }
  };

  const items = list.value?.items ?? [];
  return (
    <section className="panel" data-testid="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{heading ?? t('attachments.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {items.map((a) => (
            <li key={a.id}>
              {a.contentType.startsWith('image/') && (
                <img className="attachment-thumb" src={`${a.href}?inline=true`} alt={a.fileName} loading="lazy" />
              )}
              <a href={a.href} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              {a.contentType === 'application/pdf' && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setShown(shown === a.id ? undefined : a.id)}
                >
                  {t(shown === a.id ? 'attachments.hidePreview' : 'attachments.preview')}
                </button>
              )}{' '}
              <span className="muted">
                {size(a.size)} · {new Date(a.createdAt).toLocaleString()}
                {a.step === null && a.uploadedBy === session.person.id && ` · ${t('attachments.pending')}`}
              </span>
              {shown === a.id && (
                <iframe className="attachment-preview" src={`${a.href}?inline=true`} title={a.fileName} />
              )}
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <div>
          <label>
            {t('attachments.add')}{' '}
            <input
              ref={input}
              type="file"
              data-testid="attachment-input"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt"
              disabled={progress !== undefined}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void send(file);
              }}
            />
          </label>
          {progress !== undefined && (
            <progress max={1} value={progress} aria-label={t('attachments.uploading')}>
              {Math.round(progress * 100)}%
            </progress>
          )}
          <p className="muted">{t('attachments.help')}</p>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
