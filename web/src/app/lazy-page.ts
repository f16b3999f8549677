import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page of any props
type AnyComponent = ComponentType<any>;

/**
 * A page loaded when it is first opened, not with the workspace: the module's named component, in a chunk of its own
 * (a unit on a phone never downloads the office's pages). App.tsx shows "loading" while it arrives.
 */
export function lazyPage<M extends Record<K, AnyComponent>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
