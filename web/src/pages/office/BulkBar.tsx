import { useState } from 'react';
import { Link } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { addMessages, useI18n } from '../../lib/i18n';
import { useLoaded, useAction } from '../../lib/queries';
import { loadOrgOptions } from './org-options';
import bulk from '../../lib/messages/bulk';

addMessages(bulk);

/** What the office has chosen to act on: tasks by hand, or every task of the list's filter. */
export type BulkSelection =
  { kind: 'ids'; ids: string[] } | { kind: 'filter'; filter: Record<string, string>; total: number };

type BulkActionName = 'urge' | 'extend' | 'cancel' | 'reassign' | 'extension-decision';
const BULK_ACTIONS: readonly BulkActionName[] = ['urge', 'extend', 'cancel', 'reassign', 'extension-decision'];

interface BulkAnswer {
  ids: string[];
  results: { taskId: string; outcome: 'ACCEPTED' | 'REFUSED' | 'NOT_FOUND'; reason: string | null }[];
  accepted: number;
  refused: number;
  notFound: number;
}

const newRequestId = () => `web-${crypto.randomUUID()}`;

/**
 * The office's bulk action bar (批量操作): one action with its input, applied by POST /v1/tasks/bulk to the tasks
 * chosen, each as the single action; the answer is shown task by task (which were refused and why). A request id is
 * made once per attempt, so that a retry after a lost answer applies nothing twice.
 */
export function BulkBar({
  selection,
  titles,
  onDone,
}: {
  /** None: only the last results are shown (the selection is cleared once applied). */
  selection: BulkSelection | undefined;
  /** Titles of the tasks the page has shown, for the results. */
  titles: Record<string, string>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const options = useLoaded(['org-options'], loadOrgOptions, { live: false }).value;
  const [name, setName] = useState<BulkActionName>('urge');
  const [text, setText] = useState('');
  const [toLeader, setToLeader] = useState(false);
  const [newDueDate, setNewDueDate] = useState('');
  const [reason, setReason] = useState('');
  const [leadUnitId, setLeadUnitId] = useState('');
  const [leaderId, setLeaderId] = useState('');
  const [approve, setApprove] = useState(true);
  const [comment, setComment] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [answer, setAnswer] = useState<BulkAnswer>();
  const count = !selection ? 0 : selection.kind === 'ids' ? selection.ids.length : selection.total;
  const input = {
    urge: { text, ...(toLeader ? { toLeader } : {}) },
    extend: { newDueDate, reason },
    cancel: { reason },
    reassign: { leadUnitId, coUnitIds: [], leaderId, reason },
    'extension-decision': { approve, ...(comment.trim() ? { comment } : {}) },
  }[name];
  const apply = async () => {
    if (!selection) return;
    const chosen = selection.kind === 'ids' ? { ids: selection.ids } : { filter: selection.filter };
    const result = await action.run<BulkAnswer>('POST', '/v1/tasks/bulk', {
      requestId,
      action: name,
      input,
      ...chosen,
    });
    if (!result) return; // the same request id again on the next try
    setAnswer(result);
    setRequestId(newRequestId());
    onDone();
  };
  if (!selection && !answer) return null;
  return (
    <section className="bulk-bar" aria-labelledby="bulk-title" data-testid="bulk-bar">
      <h2 id="bulk-title">{t('bulk.bar')}</h2>
      <p className="muted small">{t('bulk.hint')}</p>
      {selection && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <label>
            {t('bulk.action')}
            <select value={name} onChange={(e) => setName(e.target.value as BulkActionName)}>
              {BULK_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`bulk.action.${a}`)}
                </option>
              ))}
            </select>
          </label>
          {name === 'reassign' && (
            <>
              <label>
                {t('bulk.leadUnit')}
                <select value={leadUnitId} onChange={(e) => setLeadUnitId(e.target.value)} required>
                  <option value="" />
                  {options?.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('bulk.leader')}
                <select value={leaderId} onChange={(e) => setLeaderId(e.target.value)} required>
                  <option value="" />
                  {options?.leaders.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          {name === 'urge' && (
            <>
              <label>
                {t('bulk.urgeText')}
                <input value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} />
              </label>
              <label className="check">
                <input type="checkbox" checked={toLeader} onChange={(e) => setToLeader(e.target.checked)} />{' '}
                {t('bulk.urgeToLeader')}
              </label>
            </>
          )}
          {name === 'extend' && (
            <label>
              {t('bulk.newDueDate')}
              <input type="date" value={newDueDate} onChange={(e) => setNewDueDate(e.target.value)} required />
            </label>
          )}
          {name === 'urge' ? null : name === 'extension-decision' ? (
            <>
              <label>
                {t('bulk.approve')}
                <select value={approve ? 'yes' : 'no'} onChange={(e) => setApprove(e.target.value === 'yes')}>
                  <option value="yes">{t('bulk.approveYes')}</option>
                  <option value="no">{t('bulk.approveNo')}</option>
                </select>
              </label>
              <label>
                {t('bulk.comment')}
                <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
              </label>
            </>
          ) : (
            <label>
              {t('bulk.reason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} />
            </label>
          )}
          <button type="submit" disabled={action.busy || count === 0}>
            {action.busy ? t('bulk.applying') : `${t('bulk.apply')}（${count}）`}
          </button>
        </form>
      )}
      <ErrorBox error={action.error} />
      {answer && (
        <div data-testid="bulk-results">
          <p role="status">
            {t('bulk.results', { accepted: answer.accepted, refused: answer.refused, notFound: answer.notFound })}
          </p>
          <table className="bulk-results">
            <thead>
              <tr>
                <th scope="col">{t('bulk.task')}</th>
                <th scope="col">{t('bulk.outcome')}</th>
                <th scope="col">{t('bulk.reasonCol')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.results.map((r) => (
                <tr key={r.taskId} data-task={r.taskId} data-outcome={r.outcome}>
                  <td>
                    <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{titles[r.taskId] ?? r.taskId}</Link>
                  </td>
                  <td>{t(`bulk.outcome.${r.outcome}`)}</td>
                  <td>{r.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
