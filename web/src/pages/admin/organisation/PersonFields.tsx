import { useContext, useId } from 'react';
import { CheckField } from '../../../components/CheckField';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { fieldProblem } from '../../../lib/fields';
import { useI18n } from '../../../lib/i18n';
import { PickField } from './OrgFields';
import { optionsOf, ROLES, type OrgContent, type PersonEntry, type Role } from './org-data';

/** A person as the forms hold them ('' for none). */
export interface PersonDraft {
  name: string;
  unit: string;
  title: string;
  roles: Role[];
  majorCaseGroup: boolean;
  email: string;
  mobile: string;
}

export const BLANK_PERSON: PersonDraft = {
  name: '',
  unit: '',
  title: '',
  roles: [],
  majorCaseGroup: false,
  email: '',
  mobile: '',
};

export const draftOfPerson = (p: PersonEntry): PersonDraft => ({
  name: p.name,
  unit: p.unit,
  title: p.title,
  roles: p.roles,
  majorCaseGroup: p.majorCaseGroup,
  email: p.contact?.email ?? '',
  mobile: p.contact?.mobile ?? '',
});

/** The contact as the API takes it: only what is given; null when neither is. */
export const contactOf = (d: PersonDraft) =>
  d.email || d.mobile ? { ...(d.email ? { email: d.email } : {}), ...(d.mobile ? { mobile: d.mobile } : {}) } : null;

/** The body fields the person's fields show their problems at. */
export const PERSON_FIELDS = ['name', 'unit', 'title', 'roles', 'contact.email', 'contact.mobile'];

/** The roles as checkboxes, in a group with the API's problem about them (`body.roles`, `body.roles[1]`). */
function RoleChecks({ roles, onChange }: { roles: Role[]; onChange: (roles: Role[]) => void }) {
  const { t } = useI18n();
  const id = useId();
  const problem = fieldProblem(useContext(FormErrorContext), 'roles', true);
  return (
    <fieldset className="checks" aria-describedby={problem ? `${id}-error` : undefined} data-testid="org-roles">
      <legend>{t('org.field.roles')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            value={role}
            checked={roles.includes(role)}
            aria-invalid={problem ? true : undefined}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? ROLES.filter((r) => r === role || roles.includes(r))
                  : roles.filter((r) => r !== role),
              )
            }
          />
          {t(`org.role.${role}`)}
        </label>
      ))}
      {problem && (
        <span className="field-error" id={`${id}-error`} data-field="roles">
          {problem}
        </span>
      )}
    </fieldset>
  );
}

/** A person's name, unit, title, roles, membership of the major-case group and contact, each with its problem. */
export function PersonFields({
  draft,
  onChange,
  content,
}: {
  draft: PersonDraft;
  onChange: (draft: PersonDraft) => void;
  content: OrgContent;
}) {
  const { t } = useI18n();
  const set = (field: 'name' | 'unit' | 'title' | 'email' | 'mobile') => (e: { target: { value: string } }) =>
    onChange({ ...draft, [field]: e.target.value });
  return (
    <>
      <div className="field-row">
        <LabelledField label={t('org.field.personName')} field="name" withItems>
          <input value={draft.name} onChange={set('name')} required />
        </LabelledField>
        <PickField
          label={t('org.field.unit')}
          field="unit"
          value={draft.unit}
          onChange={set('unit')}
          options={optionsOf(content.units)}
          placeholder={t('org.pick')}
        />
        <LabelledField label={t('org.field.title')} field="title" withItems>
          <input value={draft.title} onChange={set('title')} />
        </LabelledField>
      </div>
      <RoleChecks roles={draft.roles} onChange={(roles) => onChange({ ...draft, roles })} />
      <CheckField
        label={t('org.field.majorCaseGroup')}
        checked={draft.majorCaseGroup}
        onChange={(majorCaseGroup) => onChange({ ...draft, majorCaseGroup })}
      />
      <div className="field-row">
        <LabelledField label={t('org.field.email')} field="contact.email" withItems>
          <input type="email" value={draft.email} onChange={set('email')} />
        </LabelledField>
        <LabelledField label={t('org.field.mobile')} field="contact.mobile" withItems>
          <input type="tel" value={draft.mobile} onChange={set('mobile')} />
        </LabelledField>
      </div>
    </>
  );
}
