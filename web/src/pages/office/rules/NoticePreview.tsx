import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import type { NoticeTemplatesPreview } from './types';

/** One notice as the draft writes it, and the task whose facts it took (null: sample values). */
export interface ShownNotice {
  notice: NoticeTemplatesPreview['notices'][number];
  taskId: string | null;
}

/**
 * 预览: the notice being edited as the draft writes it, with sample values or, for a task id typed, that task's facts
 * (stored nowhere). A task the office cannot find (404) is said at the task id; the draft's problems are the editor's
 * (`children` shows the refusal).
 */
export function NoticePreview({
  shown,
  busy,
  error,
  onAsk,
  children,
}: {
  shown: ShownNotice | undefined;
  busy: boolean;
  /** The preview's refusal, if the last request was a preview. */
  error: unknown;
  onAsk: (taskId: string) => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const [taskId, setTaskId] = useState('');
  const [asked, setAsked] = useState('');
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setAsked(taskId.trim());
    await onAsk(taskId.trim());
  };
  // No such task, or not one the office sees: said at the field, in words the office can act on.
  const noTask = error instanceof ApiError && error.status === 404;
  const fieldError = noTask
    ? new ApiError(404, '', [{ field: 'taskId', message: t('nt.noTask', { id: asked }) }])
    : error;
  return (
    <form className="notice-preview-form" onSubmit={(e) => void ask(e)} noValidate data-testid="notice-preview-form">
      <h3>{t('nt.preview')}</h3>
      <p className="muted small">{t('nt.previewHelp')}</p>
      <div className="action-row notice-preview-ask">
        <FormErrorContext.Provider value={fieldError}>
          <LabelledField label={t('nt.previewTask')} field="taskId">
            <input value={taskId} onChange={(e) => setTaskId(e.target.value)} autoComplete="off" />
          </LabelledField>
        </FormErrorContext.Provider>
        <button type="submit" disabled={busy}>
          {t('nt.previewButton')}
        </button>
      </div>
      {!noTask && children}
      <div aria-live="polite">
        {shown && (
          <section className="notice-preview" aria-labelledby={`${id}-shown`} data-testid="notice-preview">
            <h4 id={`${id}-shown`}>
              {shown.taskId
                ? t('nt.previewOfTask', { name: shown.notice.name, id: shown.taskId })
                : t('nt.previewOf', { name: shown.notice.name })}
            </h4>
            <dl>
              <dt>{t('nt.previewTitle')}</dt>
              <dd data-testid="notice-preview-title">{shown.notice.title}</dd>
              <dt>{t('nt.previewBody')}</dt>
              <dd className="prose" data-testid="notice-preview-body">
                {shown.notice.body}
              </dd>
            </dl>
          </section>
        )}
      </div>
    </form>
  );
}
