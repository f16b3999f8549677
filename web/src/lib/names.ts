import { useEffect, useState } from 'react';
import { api, type Page } from './api';
import type { Person, Unit } from './types';

/*
 * Names of units and people for display, loaded once per page load (an organisation has hundreds, not thousands,
 * of units; people are looked up the same way). Unknown ids show as themselves.
 */

let cache: Promise<Record<string, string>> | undefined;

async function loadAll<T extends { id: string; name: string }>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 5_000; offset += 200) {
    const page = await api<Page<T>>('GET', `${path}?limit=200&offset=${offset}`);
    all.push(...page.items);
    if (offset + page.limit >= page.total) break;
  }
  return all;
}

export function useNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    cache ??= Promise.all([loadAll<Unit>('/v1/units'), loadAll<Person>('/v1/people')]).then(
      ([units, people]) => Object.fromEntries([...units, ...people].map((x) => [x.id, x.name])),
      () => {
        cache = undefined;
        return {};
      },
    );
    let live = true;
    void cache.then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}
