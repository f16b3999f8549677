import type { Queryable } from '../transaction';
import { NAMED_REF } from '../../procedures/kernel/named-refs';

/**
 * Writes the names of the units and people a text refers to (procedures/kernel/named-refs.ts) in place of their
 * references, as the organisation `orgId` names them; a reference to nothing there reads as its bare id. Texts
 * without references are answered without a query.
 */
export async function nameRefs<T extends string | null | undefined>(
  db: Queryable,
  orgId: string,
  ...texts: T[]
): Promise<T[]> {
  const refs = texts.flatMap((t) => (t ? [...t.matchAll(NAMED_REF)] : []));
  if (refs.length === 0) return texts;
  const ids = (kind: string) => [...new Set(refs.filter((r) => r[1] === kind).map((r) => r[2]!))];
  const { rows } = await db.query<{ kind: string; id: string; name: string }>({
    text: `SELECT 'unit' AS kind, id, name FROM units WHERE org_id = $1 AND id = ANY ($2::text[])
           UNION ALL
           SELECT 'person' AS kind, id, name FROM people WHERE org_id = $1 AND id = ANY ($3::text[])`,
    values: [orgId, ids('unit'), ids('person')],
  });
  const names = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  return texts.map((t) =>
    t ? t.replace(NAMED_REF, (_, kind: string, id: string) => names.get(`${kind}:${id}`) ?? id) : t,
  ) as T[];
}
