import { Link } from '../../../app/router';
import { useI18n } from '../../../lib/i18n';
import { namesIn, type OrgContent } from './org-data';
import { unitTree, type TreeNode } from './unit-tree';

/** Where a unit is selected: the units page with `?unit=`. */
export const unitPath = (id: string) => `/admin/organisation?unit=${encodeURIComponent(id)}`;

/**
 * The unit tree: the units under no other by zone (协作区; the district-wide bodies first), each with the units under
 * it (a town's villages), its kind, head and responsible leader. Each unit links to its detail; `selected` is marked.
 */
export function UnitTree({ content, selected }: { content: OrgContent; selected: string | null }) {
  const { t } = useI18n();
  const name = namesIn(content);
  const item = ({ unit, children }: TreeNode) => (
    <li key={unit.id} data-unit={unit.id}>
      <Link to={unitPath(unit.id)} aria-current={unit.id === selected ? 'true' : undefined}>
        {unit.name}
      </Link>
      <span className="muted small">
        {t('org.treeLine', { kind: t(`org.kind.${unit.kind}`), head: name(unit.head), leader: name(unit.leader) })}
      </span>
      {children.length > 0 && <ul>{children.map(item)}</ul>}
    </li>
  );
  return (
    <nav className="panel org-tree" aria-label={t('org.tree')} data-testid="org-tree">
      {unitTree(content).map(({ zone, nodes }) => (
        <section key={zone?.id ?? ''} data-zone={zone?.id ?? ''}>
          <h2>{zone ? zone.name : t('org.noZone')}</h2>
          <ul>{nodes.map(item)}</ul>
        </section>
      ))}
    </nav>
  );
}
