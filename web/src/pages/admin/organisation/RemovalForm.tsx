import { useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import type { OrgContent, OrgVersion } from './org-data';
import { OrgForm, useOrgEdit } from './OrgForm';

/**
 * Retiring a unit or deactivating a person (`path`, POST with the reason): asked to confirm, as it cannot be undone.
 * A refusal names the open tasks (409) or the units they head or lead (422) at the form's top.
 */
export function RemovalForm({
  title,
  help,
  testId,
  button,
  confirmText,
  confirmButton,
  path,
  content,
  after,
  onDone,
}: {
  title: string;
  help: string;
  testId: string;
  button: string;
  confirmText: string;
  confirmButton: string;
  path: string;
  content: OrgContent;
  /** Shown under a 409 (open tasks): where to go instead. */
  after?: ReactNode;
  onDone: (version: OrgVersion) => void;
}) {
  const { t } = useI18n();
  const edit = useOrgEdit();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    const done = await edit.send('POST', path, {});
    setConfirming(false);
    if (done) onDone(done);
  };
  const confirm = confirming && (
    <div className="confirm-box" role="alert" data-testid={`${testId}-confirm`}>
      <p>{confirmText}</p>
      <div className="action-row">
        <button type="button" className="primary" disabled={edit.busy} onClick={() => void remove()}>
          {confirmButton}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('org.back')}
        </button>
      </div>
    </div>
  );
  return (
    <OrgForm
      title={title}
      help={help}
      testId={testId}
      submitLabel={button}
      edit={edit}
      placed={[]}
      content={content}
      onSubmit={() => setConfirming(true)}
      after={edit.error instanceof ApiError && edit.error.status === 409 ? after : undefined}
      confirm={confirm || undefined}
    />
  );
}
