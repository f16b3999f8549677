import { Facts } from '../../../components/Facts';
import { ErrorBox } from '../../../components/ErrorBox';
import { Link } from '../../../app/router';
import { useI18n } from '../../../lib/i18n';
import { useApi } from '../../../lib/queries';
import { formatDateTime } from '../../../lib/time';
import { namesIn, type OrgContent, type UnitHistory } from './org-data';
import { RemovalForm } from './RemovalForm';
import { UnitEditForm } from './UnitEditForm';

/** Every earlier name of the unit with its period (GET /v1/units/{id}: the last is its name now). */
function FormerNames({ history }: { history: UnitHistory }) {
  const { t, lang } = useI18n();
  const former = history.names.slice(0, -1);
  if (former.length === 0) return <>{t('org.unit.noFormerNames')}</>;
  const at = (s: string | null) => formatDateTime(s, lang);
  return (
    <ul className="org-names">
      {former.map((n, i) => (
        <li key={i}>
          {n.from
            ? t('org.unit.formerName', { name: n.name, from: at(n.from), until: at(n.until) })
            : t('org.unit.formerNameSince', { name: n.name, until: at(n.until) })}
        </li>
      ))}
    </ul>
  );
}

/**
 * One unit of the tree: its facts and every name it had; while active, the forms that change it (rename, move, head
 * and leader) and retire it (撤销: refused while it has open tasks, which merging hands on instead).
 */
export function UnitDetail({ id, content }: { id: string; content: OrgContent }) {
  const { t, lang } = useI18n();
  const history = useApi<UnitHistory>(`/v1/units/${encodeURIComponent(id)}`);
  const unit = content.units.find((u) => u.id === id);
  const name = namesIn(content);
  const h = history.value;
  const retired = h?.retired;
  return (
    <div className="org-detail">
      <section className="panel" data-testid="org-unit" aria-labelledby="org-unit-name">
        <h2 id="org-unit-name">{unit?.name ?? h?.name ?? id}</h2>
        <ErrorBox error={history.error} onRetry={history.reload} />
        <Facts
          facts={[
            { label: t('org.field.id'), value: id },
            { label: t('org.field.kind'), value: t(`org.kind.${unit?.kind ?? h?.kind ?? ''}`) },
            unit && { label: t('org.field.parent'), value: unit.parent ? name(unit.parent) : t('org.none') },
            unit && { label: t('org.field.zone'), value: unit.zone ? name(unit.zone) : t('org.none') },
            unit?.agency && { label: t('org.field.agency'), value: t(`org.agency.${unit.agency}`) },
            unit && { label: t('org.field.head'), value: name(unit.head) },
            unit && { label: t('org.field.leader'), value: name(unit.leader) },
            unit && { label: t('org.field.groupMember'), value: unit.groupMember ? '✓' : t('org.none') },
            unit && {
              label: t('org.unit.people'),
              value: content.people
                .filter((p) => p.unit === id)
                .map((p) => p.name)
                .join('、'),
            },
            h && { label: t('org.unit.formerNames'), value: <FormerNames history={h} />, testId: 'org-unit-names' },
            retired && {
              label: t('org.unit.state'),
              value: retired.successorId
                ? t('org.unit.merged', {
                    at: formatDateTime(retired.at, lang),
                    into: name(retired.successorId),
                    reason: retired.reason ?? '',
                  })
                : t('org.unit.retired', { at: formatDateTime(retired.at, lang), reason: retired.reason ?? '' }),
              testId: 'org-unit-retired',
            },
          ]}
        />
      </section>
      {unit && <UnitEditForm unit={unit} content={content} />}
      {unit && (
        <RemovalForm
          title={t('org.unit.retire')}
          help={t('org.unit.retireHelp')}
          testId="org-unit-retire"
          button={t('org.unit.retireButton')}
          confirmText={t('org.unit.retireConfirm', { name: unit.name })}
          confirmButton={t('org.unit.retireConfirmButton')}
          path={`/v1/units/${encodeURIComponent(id)}/retire`}
          content={content}
          after={
            <p>
              {t('org.unit.toMerge')} <Link to="/admin/merge">{t('org.merge')}</Link>
            </p>
          }
          onDone={() => history.reload()}
        />
      )}
    </div>
  );
}
