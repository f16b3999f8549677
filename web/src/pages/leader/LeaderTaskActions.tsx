import { useSession } from '../../app/auth';
import { ActionForm } from '../../components/ActionForm';
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
      <ActionForm
        testId="extension-decision-form"
        title={t('leader.extension.decide')}
        path={`/v1/tasks/${encodeURIComponent(task.id)}/extension-decision`}
        submitLabel={t('leader.extension.submit')}
        fields={[
          {
            name: 'approve',
            label: 'leader.extension.decision',
            kind: 'select',
            required: true,
            options: [
              { value: 'yes', label: t('leader.extension.approve') },
              { value: 'no', label: t('leader.extension.deny') },
            ],
          },
          { name: 'comment', label: 'leader.extension.comment', kind: 'textarea' },
        ]}
        toBody={(v) => ({ approve: v.approve === 'yes', ...(v.comment ? { comment: v.comment } : {}) })}
        onDone={reload}
      />
    </section>
  );
}
