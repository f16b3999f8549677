import { Link } from '../../../app/router';
import { DataTable } from '../../../components/DataTable';
import { useI18n } from '../../../lib/i18n';
import { formatDate } from '../../../lib/time';
import type { AffectedTask, PolicyPreview } from './types';

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
 * What publishing the draft would change (预览影响): each change in a sentence, and the running tasks of the changed
 * types with what would change for each and which of their timers would fall due at once.
 */
export function ImpactPreview({ preview }: { preview: PolicyPreview }) {
  const { t, lang } = useI18n();
  return (
    <section className="rules-preview" aria-labelledby="rules-preview-title" data-testid="rules-preview">
      <h3 id="rules-preview-title">{t('rules.preview.title', { n: preview.basedOn })}</h3>
      {preview.changes.length > 0 ? (
        <ul className="plain-list" data-testid="rules-preview-changes">
          {preview.changes.map((c, i) => (
            <li key={i}>{c.text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('rules.preview.noChange')}</p>
      )}
      <DataTable<AffectedTask>
        caption={t('rules.preview.tasks', { n: preview.total })}
        rows={preview.tasks}
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
          { key: 'fires', header: 'rules.preview.fires', render: (r) => <Sentences items={r.firesAtOnce} /> },
        ]}
      />
      {preview.total > preview.tasks.length && (
        <p className="muted small">{t('rules.preview.more', { shown: preview.tasks.length, n: preview.total })}</p>
      )}
    </section>
  );
}
