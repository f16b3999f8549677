import { useState } from 'react';
import { navigate } from '../../../app/router';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import type { OrgContent } from './org-data';
import { OrgForm, useOrgEdit } from './OrgForm';
import { BLANK_PERSON, contactOf, PERSON_FIELDS, PersonFields } from './PersonFields';

/** Where a person is chosen: the people page with `?person=` (and the unit the list shows). */
export const personPath = (id: string, unit: string | null) =>
  `/admin/organisation/people?${new URLSearchParams({ ...(unit ? { unit } : {}), person: id })}`;

/** 新增人员 (POST /v1/people): a person in the file's shape, of a unit, with at least one role. */
export function AddPersonForm({
  content,
  unit,
  onDone,
}: {
  content: OrgContent;
  /** The unit the list shows: the new person's, to begin with. */
  unit: string | null;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const edit = useOrgEdit();
  const [id, setId] = useState('');
  const [draft, setDraft] = useState({ ...BLANK_PERSON, unit: unit ?? '' });
  const add = async () => {
    const { name, title, roles, majorCaseGroup } = draft;
    const contact = contactOf(draft);
    const body = { id, name, unit: draft.unit, title, roles, majorCaseGroup, ...(contact ? { contact } : {}) };
    const done = await edit.send('POST', '/v1/people', body);
    if (done) {
      onDone();
      navigate(personPath(id, unit));
    }
  };
  return (
    <OrgForm
      title={t('org.people.add')}
      help={t('org.people.addHelp')}
      testId="org-person-add"
      submitLabel={t('org.people.addButton')}
      edit={edit}
      placed={['id', ...PERSON_FIELDS]}
      content={content}
      onSubmit={() => void add()}
    >
      <LabelledField label={t('org.field.id')} field="id" hint={t('org.idHint')} withItems>
        <input value={id} onChange={(e) => setId(e.target.value)} required />
      </LabelledField>
      <PersonFields draft={draft} onChange={setDraft} content={content} />
    </OrgForm>
  );
}
