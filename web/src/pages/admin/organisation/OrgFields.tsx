import type { ChangeEvent } from 'react';
import { Choice } from '../../../components/Choice';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { optionsOf, type OrgContent } from './org-data';

/** A field picked from a list (a unit, a zone, a person), with the API's problem about it and its items. */
export function PickField({
  label,
  field,
  value,
  onChange,
  options,
  placeholder,
}: {
  label: string;
  field: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  options: { value: string; label: string }[];
  placeholder: string;
}) {
  return (
    <LabelledField label={label} field={field} withItems>
      <Choice value={value} onChange={onChange} options={options} placeholder={placeholder} />
    </LabelledField>
  );
}

/** A unit's responsible leader (分管领导): one of the people with the LEADER role. */
export function LeaderField({
  value,
  onChange,
  content,
}: {
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  content: OrgContent;
}) {
  const { t } = useI18n();
  return (
    <PickField
      label={t('org.field.leader')}
      field="leader"
      value={value}
      onChange={onChange}
      options={optionsOf(content.people.filter((p) => p.roles.includes('LEADER')))}
      placeholder={t('org.pick')}
    />
  );
}
