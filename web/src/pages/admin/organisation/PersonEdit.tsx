import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { OrgContent, PersonEntry } from './org-data';
import { OrgForm, useOrgEdit } from './OrgForm';
import { contactOf, draftOfPerson, PERSON_FIELDS, PersonFields, type PersonDraft } from './PersonFields';
import { RemovalForm } from './RemovalForm';

/** What changed, as PATCH /v1/people/{id} takes it: only the changed fields (a contact cleared: null). */
function patchOf(person: PersonEntry, d: PersonDraft): Record<string, unknown> {
  const was = draftOfPerson(person);
  const patch: Record<string, unknown> = {};
  for (const key of ['name', 'unit', 'title', 'majorCaseGroup'] as const) if (d[key] !== was[key]) patch[key] = d[key];
  if ([...d.roles].sort().join() !== [...was.roles].sort().join()) patch.roles = d.roles;
  if (d.email !== was.email || d.mobile !== was.mobile) patch.contact = contactOf(d);
  return patch;
}

/**
 * One person: 修改人员信息 (name, unit, title, roles as checkboxes, contact) and 停用人员, refused while they answer
 * for an open task (409, the tasks named) or head or lead a unit (422 at that unit).
 */
export function PersonEdit({
  person,
  content,
  onDeactivated,
}: {
  person: PersonEntry;
  content: OrgContent;
  onDeactivated: (name: string) => void;
}) {
  const { t } = useI18n();
  const edit = useOrgEdit();
  const [draft, setDraft] = useState(() => draftOfPerson(person));
  const save = () => {
    const patch = patchOf(person, draft);
    if (Object.keys(patch).length === 0) edit.unchanged();
    else void edit.send('PATCH', `/v1/people/${encodeURIComponent(person.id)}`, patch);
  };
  return (
    <div data-person-edit={person.id}>
      <OrgForm
        title={t('org.people.edit', { name: person.name })}
        testId="org-person-edit"
        submitLabel={t('org.people.save')}
        edit={edit}
        placed={PERSON_FIELDS}
        content={content}
        onSubmit={save}
      >
        <p className="muted small">
          {t('org.field.id')}：{person.id}
          {person.network && ` · ${t('org.people.network')}`}
        </p>
        <PersonFields draft={draft} onChange={setDraft} content={content} />
      </OrgForm>
      <RemovalForm
        title={t('org.people.deactivate')}
        help={t('org.people.deactivateHelp')}
        testId="org-person-deactivate"
        button={t('org.people.deactivateButton')}
        confirmText={t('org.people.deactivateConfirm', { name: person.name })}
        confirmButton={t('org.people.deactivateConfirmButton')}
        path={`/v1/people/${encodeURIComponent(person.id)}/deactivate`}
        content={content}
        onDone={() => onDeactivated(person.name)}
      />
    </div>
  );
}
