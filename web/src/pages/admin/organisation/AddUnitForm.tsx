import { useState } from 'react';
import { navigate } from '../../../app/router';
import { CheckField } from '../../../components/CheckField';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { AGENCIES, NEW_UNIT_KINDS, optionsOf, type OrgContent } from './org-data';
import { LeaderField, PickField } from './OrgFields';
import { OrgForm, useOrgEdit } from './OrgForm';
import { renamed } from './OrgProblems';
import { unitPath } from './UnitTree';

const BLANK = {
  id: '',
  name: '',
  kind: 'TOWN',
  agency: '',
  parent: '',
  zone: '',
  leader: '',
  groupMember: false,
  headId: '',
  headName: '',
  headTitle: '',
};

/**
 * 新增单位 (POST /v1/units): a unit in the file's shape with its head, a new person of the unit (a unit's staff, or an
 * enforcement body's). The API names the unit's fields `body.unit.<field>` (its shape) or `body.<field>` (what the
 * organisation would be), the head's `body.people[0].<field>` or `organisation.people.<id>.<field>`: each shows at
 * its field here, as `body.<field>` and `body.head.<field>`.
 */
export function AddUnitForm({ content, onDone }: { content: OrgContent; onDone: () => void }) {
  const { t } = useI18n();
  const edit = useOrgEdit();
  const [d, setD] = useState(BLANK);
  const [headId, setHeadId] = useState(''); // the head as sent, for its problems
  const set = (field: keyof typeof BLANK) => (e: { target: { value: string } }) =>
    setD({ ...d, [field]: e.target.value });
  const add = async () => {
    const unit = {
      id: d.id,
      name: d.name,
      kind: d.kind,
      ...(d.kind === 'ENFORCEMENT' && d.agency ? { agency: d.agency } : {}),
      ...(d.parent ? { parent: d.parent } : {}),
      ...(d.zone ? { zone: d.zone } : {}),
      head: d.headId,
      leader: d.leader,
      groupMember: d.groupMember,
    };
    const role = d.kind === 'ENFORCEMENT' ? 'ENFORCEMENT' : 'UNIT';
    const head = { id: d.headId, name: d.headName, unit: d.id, title: d.headTitle, roles: [role] };
    setHeadId(d.headId);
    const done = await edit.send('POST', '/v1/units', { unit, people: [head] });
    if (done) {
      setD(BLANK);
      onDone();
      navigate(unitPath(unit.id));
    }
  };
  const headAt = `organisation.people.${headId}.`;
  const error = renamed(edit.error, (field) => {
    const own = field.startsWith(headAt) ? `body.head.${field.slice(headAt.length)}` : field;
    return own
      .replace(/^body\.unit\./, 'body.')
      .replace(/^body\.people\[0\]\./, 'body.head.')
      .replace(/^body\.head$/, 'body.head.id');
  });
  const field = (label: string, name: string, value: string, onChange: ReturnType<typeof set>, hint?: string) => (
    <LabelledField label={label} field={name} hint={hint} withItems>
      <input value={value} onChange={onChange} required />
    </LabelledField>
  );
  return (
    <OrgForm
      title={t('org.unit.add')}
      help={t('org.unit.addHelp')}
      testId="org-unit-add"
      submitLabel={t('org.unit.addButton')}
      edit={edit}
      error={error}
      placed={['id', 'name', 'kind', 'agency', 'parent', 'zone', 'leader', 'head.id', 'head.name', 'head.title']}
      content={content}
      onSubmit={() => void add()}
    >
      <div className="field-row">
        {field(t('org.field.id'), 'id', d.id, set('id'), t('org.idHint'))}
        {field(t('org.field.name'), 'name', d.name, set('name'))}
      </div>
      <div className="field-row">
        <LabelledField label={t('org.field.kind')} field="kind" withItems>
          <select value={d.kind} onChange={set('kind')}>
            {NEW_UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`org.kind.${k}`)}
              </option>
            ))}
          </select>
        </LabelledField>
        {d.kind === 'ENFORCEMENT' && (
          <PickField
            label={t('org.field.agency')}
            field="agency"
            value={d.agency}
            onChange={set('agency')}
            options={AGENCIES.map((a) => ({ value: a, label: t(`org.agency.${a}`) }))}
            placeholder={t('org.pick')}
          />
        )}
        <PickField
          label={t('org.field.parent')}
          field="parent"
          value={d.parent}
          onChange={set('parent')}
          options={optionsOf(content.units)}
          placeholder={t('org.none')}
        />
        <PickField
          label={t('org.field.zone')}
          field="zone"
          value={d.zone}
          onChange={set('zone')}
          options={optionsOf(content.zones)}
          placeholder={t('org.none')}
        />
      </div>
      <div className="field-row">
        <LeaderField value={d.leader} onChange={set('leader')} content={content} />
      </div>
      <CheckField
        label={t('org.field.groupMember')}
        checked={d.groupMember}
        onChange={(groupMember) => setD({ ...d, groupMember })}
      />
      <fieldset className="resolution">
        <legend>{t('org.unit.head')}</legend>
        <div className="field-row">
          {field(t('org.unit.headId'), 'head.id', d.headId, set('headId'), t('org.idHint'))}
          {field(t('org.unit.headName'), 'head.name', d.headName, set('headName'))}
          {field(t('org.unit.headTitle'), 'head.title', d.headTitle, set('headTitle'))}
        </div>
      </fieldset>
    </OrgForm>
  );
}
