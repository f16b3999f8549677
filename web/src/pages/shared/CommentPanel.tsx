import { ActionForm } from '../../components/ActionForm';
import { useI18n } from '../../lib/i18n';
import type { Task } from '../../lib/types';

/** An opinion (意见) on a task, recorded in its timeline: units, leaders and the leadership group may give one. */
export function CommentPanel({ task, reload }: { task: Task; reload: () => void }) {
  const { t } = useI18n();
  if (task.state === 'ACCEPTED' || task.state === 'CANCELLED') return null;
  return (
    <section className="panel">
      <ActionForm
        testId="comment-form"
        title={t('task.comment')}
        path={`/v1/tasks/${encodeURIComponent(task.id)}/comments`}
        submitLabel={t('task.commentButton')}
        fields={[{ name: 'text', label: 'task.commentText', kind: 'textarea', required: true }]}
        onDone={reload}
      />
    </section>
  );
}
