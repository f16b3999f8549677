import type { ReactNode } from 'react';
import { Link } from '../../../app/router';
import { DataTable } from '../../../components/DataTable';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDate } from '../../../lib/time';
import type { AffectedTask, PolicyPreview } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/** A list of sentences, or a dash when there are none. */
const Sentences = ({ items }: { items: string[] }) =>
  items.length > 0 ? (
    <ul className="plain-list">
      {items.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  ) : (
    <>—</>
  );

/**
 * What publishing a draft would change (预览影响), or loading a working-day table: each change of the rules in a
 * sentence (`changes`, a draft's), and the running tasks it would touch with what would change for each and which of
 * their timers would fall due at once. `title` heads it; `firesHeader` names the moment it would apply.
 */
export function ImpactPreview({
  title,
  changes,
  tasks,
  total,
  firesHeader = 'rules.preview.fires',
}: {
  title: string;
  changes?: PolicyPreview['changes'];
  tasks: AffectedTask[];
  total: number;
  firesHeader?: string;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="rules-preview" aria-labelledby="rules-preview-title" data-testid="rules-preview">
      <h3 id="rules-preview-title">{title}</h3>
      {changes &&
        (changes.length > 0 ? (
          <ul className="plain-list" data-testid="rules-preview-changes">
            {changes.map((c, i) => (
              <li key={i}>{c.text}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('rules.preview.noChange')}</p>
        ))}
      <DataTable<AffectedTask>
        caption={t('rules.preview.tasks', { n: total })}
        rows={tasks}
        rowKey={(r) => r.taskId}
        rowProps={(r) => ({ 'data-task': r.taskId })}
        testId="rules-preview-tasks"
        emptyText={t('rules.preview.noTasks')}
        columns={[
          {
            key: 'title',
            header: 'rules.preview.task',
            render: (r) => <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link>,
          },
          { key: 'unit', header: 'rules.preview.unit', render: (r) => r.leadUnitName },
          { key: 'state', header: 'rules.preview.state', render: (r) => t(`state.${r.state}`) },
          { key: 'due', header: 'rules.preview.due', render: (r) => formatDate(r.dueDate, lang) },
          { key: 'changes', header: 'rules.preview.taskChanges', render: (r) => <Sentences items={r.changes} /> },
          { key: 'fires', header: firesHeader, render: (r) => <Sentences items={r.firesAtOnce} /> },
        ]}
      />
      {total > tasks.length && (
        <p className="muted small">{t('rules.preview.more', { shown: tasks.length, n: total })}</p>
      )}
    </section>
  );
}

/**
 * 预览影响 before acting: the form's submit button asks for the preview; once there is one (`preview`, with whatever
 * goes with it), the button that acts (`actLabel`, e.g. 发布). The form drops the preview on any edit.
 */
export function PreviewThenAct({
  busy,
  preview,
  actLabel,
  onAct,
}: {
  busy: boolean;
  /** The preview and its choices, once asked for; undefined before. */
  preview: ReactNode | undefined;
  actLabel: string;
  onAct: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="action-row">
        <button type="submit" className={preview ? undefined : 'primary'} disabled={busy}>
          {t('rules.previewButton')}
        </button>
      </div>
      {preview && (
        <>
          {preview}
          <div className="action-row">
            <button type="button" className="primary" disabled={busy} onClick={onAct}>
              {actLabel}
            </button>
          </div>
        </>
      )}
    </>
  );
}
