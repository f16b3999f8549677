import { useSession } from '../../app/auth';
import { choice } from '../../components/ActionForm';
import { TaskActionForm } from '../../components/TaskActionForm';
import { useI18n } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import type { Task } from '../../lib/types';

/** The responsible leader decides an extension request where the task type's policy leaves it to them. */
export function LeaderTaskActions({ task, reload }: { task: Task; reload: () => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const ext = task.pendingExtension;
  if (!ext || task.extensionDecidedBy !== 'LEADER' || task.leaderId !== session.person.id) return null;
  return (
    <section className="panel" aria-labelledby="leader-ext-title">
      <h2 id="leader-ext-title">{t('leader.extension.title')}</h2>
      <p>
        {t('leader.extension.request', { date: formatDate(ext.proposedDate, lang) })}
        <br />
        {t('unit.actions.reason')}：{ext.reason}
        <br />
        {t('unit.actions.progressSoFar')}：{ext.progress}
      </p>
      <TaskActionForm
        task={task}
        verb="extension-decision"
        name="leader.extension.decide"
        fields={[
          choice('approve', 'leader.extension.decision', [
            { value: 'yes', label: t('leader.extension.approve') },
            { value: 'no', label: t('leader.extension.deny') },
          ]),
          { name: 'comment', label: 'leader.extension.comment', kind: 'textarea' },
        ]}
        toBody={(b) => ({ ...b, approve: b.approve === 'yes' })}
        onDone={reload}
      />
    </section>
  );
}
