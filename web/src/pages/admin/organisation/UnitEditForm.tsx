import { useState } from 'react';
import { CheckField } from '../../../components/CheckField';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { optionsOf, type OrgContent, type UnitEntry } from './org-data';
import { LeaderField, PickField } from './OrgFields';
import { OrgForm, useOrgEdit } from './OrgForm';

/** The fields of a unit the form changes, as the form holds them ('' for none). */
interface UnitDraft {
  name: string;
  parent: string;
  zone: string;
  head: string;
  leader: string;
  groupMember: boolean;
}

const draftOf = (u: UnitEntry): UnitDraft => ({
  name: u.name,
  parent: u.parent ?? '',
  zone: u.zone ?? '',
  head: u.head,
  leader: u.leader,
  groupMember: u.groupMember,
});

/** What changed, as PATCH /v1/units/{id} takes it: only the changed fields, `null` clearing a parent or zone. */
function patchOf(unit: UnitEntry, d: UnitDraft): Record<string, unknown> {
  const was = draftOf(unit);
  const patch: Record<string, unknown> = {};
  for (const key of ['name', 'head', 'leader', 'groupMember'] as const) if (d[key] !== was[key]) patch[key] = d[key];
  for (const key of ['parent', 'zone'] as const) if (d[key] !== was[key]) patch[key] = d[key] || null;
  return patch;
}

/**
 * 修改单位: rename it (the former name is kept), move it under another unit or into another zone (or none), change its
 * head (a person of the unit) or responsible leader. The API checks the organisation it would leave: a cycle, a name a
 * sibling has, an unknown parent show at their field, a problem elsewhere at the form's top.
 */
export function UnitEditForm({ unit, content }: { unit: UnitEntry; content: OrgContent }) {
  const { t } = useI18n();
  const edit = useOrgEdit();
  const [draft, setDraft] = useState<UnitDraft>(() => draftOf(unit));
  const set = (field: keyof UnitDraft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: e.target.value });
  const save = () => {
    const patch = patchOf(unit, draft);
    if (Object.keys(patch).length === 0) edit.unchanged();
    else void edit.send('PATCH', `/v1/units/${encodeURIComponent(unit.id)}`, patch);
  };
  const none = t('org.none');
  return (
    <OrgForm
      title={t('org.unit.edit')}
      help={t('org.unit.editHelp')}
      testId="org-unit-edit"
      submitLabel={t('org.unit.save')}
      edit={edit}
      placed={['name', 'parent', 'zone', 'head', 'leader']}
      content={content}
      onSubmit={save}
    >
      <LabelledField label={t('org.field.name')} field="name" withItems>
        <input value={draft.name} onChange={set('name')} required />
      </LabelledField>
      <div className="field-row">
        <PickField
          label={t('org.field.parent')}
          field="parent"
          value={draft.parent}
          onChange={set('parent')}
          options={optionsOf(content.units.filter((u) => u.id !== unit.id))}
          placeholder={none}
        />
        <PickField
          label={t('org.field.zone')}
          field="zone"
          value={draft.zone}
          onChange={set('zone')}
          options={optionsOf(content.zones)}
          placeholder={none}
        />
      </div>
      <div className="field-row">
        <PickField
          label={t('org.field.head')}
          field="head"
          value={draft.head}
          onChange={set('head')}
          options={optionsOf(content.people.filter((p) => p.unit === unit.id))}
          placeholder={t('org.pick')}
        />
        <LeaderField value={draft.leader} onChange={set('leader')} content={content} />
      </div>
      <CheckField
        label={t('org.field.groupMember')}
        checked={draft.groupMember}
        onChange={(groupMember) => setDraft({ ...draft, groupMember })}
      />
    </OrgForm>
  );
}
