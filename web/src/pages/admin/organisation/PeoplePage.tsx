import { useState } from 'react';
import { Link, navigate, useLocation } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { DataTable } from '../../../components/DataTable';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { AddPersonForm, personPath } from './AddPersonForm';
import { namesIn, optionsOf, useOrganisation, type PersonEntry } from './org-data';
import { OrgFrame } from './OrgFrame';
import { PersonEdit } from './PersonEdit';

/**
 * 组织架构 — 人员 (ADMIN): the people, of one unit or all (`?unit=`); the one chosen (`?person=`) to change or
 * deactivate; and a new person.
 */
export function PeoplePage() {
  const { t } = useI18n();
  const loaded = useOrganisation();
  const { search } = useLocation();
  const unit = search.get('unit');
  const chosen = search.get('person');
  const [adding, setAdding] = useState(false);
  const [deactivated, setDeactivated] = useState<string | undefined>();
  const filter = (id: string) =>
    navigate(`/admin/organisation/people${id ? `?${new URLSearchParams({ unit: id })}` : ''}`, true);
  return (
    <OrgFrame loaded={loaded}>
      {({ content }) => {
        const name = namesIn(content);
        const people = content.people.filter((p) => !unit || p.unit === unit);
        const person = content.people.find((p) => p.id === chosen);
        return (
          <>
            <div className="filters">
              <LabelledField label={t('org.people.filter')}>
                <Choice
                  value={unit ?? ''}
                  onChange={(e) => filter(e.target.value)}
                  options={optionsOf(content.units)}
                  placeholder={t('org.people.all')}
                />
              </LabelledField>
            </div>
            <div role="status">
              {deactivated && <p className="ok-box">{t('org.people.deactivated', { name: deactivated })}</p>}
            </div>
            <DataTable<PersonEntry>
              caption={t('org.people.list', { n: people.length })}
              rows={people}
              rowKey={(p) => p.id}
              rowProps={(p) => ({ 'data-person': p.id })}
              testId="org-people"
              emptyText={t('org.people.empty')}
              columns={[
                {
                  key: 'name',
                  header: 'org.field.personName',
                  render: (p) => (
                    <Link to={personPath(p.id, unit)} aria-current={p.id === chosen ? 'true' : undefined}>
                      {p.name}
                    </Link>
                  ),
                },
                { key: 'unit', header: 'org.field.unit', render: (p) => name(p.unit) },
                { key: 'title', header: 'org.field.title', render: (p) => p.title },
                {
                  key: 'roles',
                  header: 'org.field.roles',
                  render: (p) => p.roles.map((r) => t(`org.role.${r}`)).join('、'),
                },
              ]}
            />
            {person ? (
              <PersonEdit
                key={person.id}
                person={person}
                content={content}
                onDeactivated={(n) => {
                  setDeactivated(n);
                  navigate(`/admin/organisation/people${unit ? `?${new URLSearchParams({ unit })}` : ''}`, true);
                }}
              />
            ) : (
              <p className="muted">{t('org.people.pick')}</p>
            )}
            <div className="action-row">
              <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
                {t('org.people.add')}
              </button>
            </div>
            {adding && <AddPersonForm content={content} unit={unit} onDone={() => setAdding(false)} />}
          </>
        );
      }}
    </OrgFrame>
  );
}
