/*
 * The workspace's data layer on TanStack Query. Every GET is cached under its path, asked again when the window
 * regains focus and, while the page is visible, every LIVE_MS; the browser revalidates with the answer's ETag, so an
 * unchanged read is a body-less 304 and nothing re-renders. Boards, the inbox and timelines thus follow the server
 * without a reload. An action (useAction, useFormAction) marks every cached read stale once it is done and waits for
 * the visible ones, so a list shows what was just done; it may also change cached reads at once (optimistic), undone
 * if the API refuses.
 */
import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiError } from './api';

/** How often a visible page asks again (milliseconds): 10 s, unless localStorage `heli.liveMs` says otherwise. */
export const LIVE_MS = configuredLiveMs();

function configuredLiveMs(): number {
  try {
    const set = Number(globalThis.localStorage?.getItem('heli.liveMs') ?? NaN);
    return Number.isFinite(set) && set >= 200 ? set : 10_000;
  } catch {
    return 10_000; // storage may be denied
  }
}

/** A refusal (4xx) is an answer, not a hiccup: only network failures and 5xx are retried, twice. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry,
        staleTime: 2_000,
        refetchOnWindowFocus: true,
        refetchInterval: LIVE_MS,
        // A hidden tab asks nothing; it catches up when it is shown again (focus).
        refetchIntervalInBackground: false,
      },
      mutations: { retry: false },
    },
  });
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, String(err)));
const isRefusal = (err: unknown) => err instanceof ApiError && err.status >= 400 && err.status < 500;

export interface Loaded<T> {
  value: T | undefined;
  /**
   * Why there is no answer, as an ApiError (status 0 for the network): the first ask's failure, or a refusal (4xx,
   * e.g. the record is gone). A background refresh that merely failed (network, 5xx) leaves the last answer shown.
   */
  error: ApiError | undefined;
  /** True until the first answer for what is asked now (a background refresh does not count). */
  loading: boolean;
  reload: () => void;
}

export interface LoadOptions {
  /**
   * Asked again every LIVE_MS while visible (default); false for reference data (the organisation's lists, the
   * configured measures): kept 5 minutes, asked again after that on focus, and after an action.
   */
  live?: boolean;
  /** While another key's first answer is awaited (the next page, a new filter), keep showing the previous one. */
  keepPrevious?: boolean;
  /** Asked every LIVE_MS even while the tab is hidden (the unread count in the tab's title); others wait for focus. */
  background?: boolean;
}

/** GET `path` (null: nothing to ask yet), cached under the path and kept live. */
export function useApi<T>(path: string | null, options: LoadOptions = {}): Loaded<T> {
  return useLoaded<T>([path], path === null ? null : () => api<T>('GET', path), options);
}

/**
 * Any read that is not one GET (several calls, a computed answer), cached under `key`; `load` null waits.
 * The key must name everything the answer depends on.
 */
export function useLoaded<T>(
  key: QueryKey,
  load: (() => Promise<T>) | null,
  { live = true, keepPrevious = false, background = false }: LoadOptions = {},
): Loaded<T> {
  const q = useQuery<T, Error>({
    queryKey: key,
    queryFn: () => (load ? load() : Promise.reject(new Error('disabled'))),
    enabled: load !== null,
    ...(live ? {} : { refetchInterval: false, staleTime: 5 * 60_000 }),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(background ? { refetchIntervalInBackground: true } : {}),
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    value: q.data,
    error:
      q.error && (q.data === undefined || q.isPlaceholderData || isRefusal(q.error)) ? asApiError(q.error) : undefined,
    loading: load !== null && (q.isPending || q.isPlaceholderData),
    reload,
  };
}

/** Whether a cached read is of `path` or under it (with a query or a sub-path): `under('/v1/inbox')`. */
export const under =
  (path: string) =>
  (key: QueryKey): boolean =>
    typeof key[0] === 'string' && (key[0] === path || key[0].startsWith(`${path}?`) || key[0].startsWith(`${path}/`));

/** An optimistic change: which cached reads it rewrites and how. Undone when the action fails. */
export interface Optimistic {
  reads: (key: QueryKey) => boolean;
  /** The read's new data (called only for reads that have data). */
  update: (data: unknown, key: QueryKey) => unknown;
}

interface Attempt {
  act: () => Promise<unknown>;
  optimistic?: Optimistic;
}

/** One action of a page (a mutation): busy while it runs, and its refusal kept for the form (per field, too). */
export interface Action {
  busy: boolean;
  /** The last try's refusal (an ApiError) or failure; cleared by the next try. */
  error: unknown;
  /**
   * Runs any promise (sign-in, a plan upload, an API call): `{ value }` on success (a 204 still counts as done),
   * undefined on failure. `optimistic` changes cached reads until the answer comes.
   */
  perform: <T>(act: () => Promise<T>, optimistic?: Optimistic) => Promise<{ value: T } | undefined>;
  /** `perform` of one API call, answering its body. */
  run: <T>(method: string, path: string, body?: unknown) => Promise<T | undefined>;
}

export function useAction(): Action {
  const client = useQueryClient();
  const { mutateAsync, isPending, error } = useMutation<unknown, unknown, Attempt, [QueryKey, unknown][]>({
    mutationFn: ({ act }) => act(),
    onMutate: async ({ optimistic }) => {
      if (!optimistic) return [];
      const filter = { predicate: (q: { queryKey: QueryKey }) => optimistic.reads(q.queryKey) };
      await client.cancelQueries(filter); // a poll in flight must not overwrite the change
      const before = client.getQueriesData(filter);
      for (const [key, data] of before) {
        if (data !== undefined) client.setQueryData(key, optimistic.update(data, key));
      }
      return before;
    },
    onError: (_err, _attempt, before) => {
      for (const [key, data] of before ?? []) client.setQueryData(key, data);
    },
    // Whatever the answer, the reads may have changed: the visible ones are asked again before the action ends.
    onSettled: () => client.invalidateQueries(),
  });
  const perform = useCallback(
    async <T>(act: () => Promise<T>, optimistic?: Optimistic): Promise<{ value: T } | undefined> => {
      try {
        return { value: (await mutateAsync({ act, optimistic })) as T };
      } catch {
        return undefined; // kept in `error`
      }
    },
    [mutateAsync],
  );
  const run = useCallback(
    async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> =>
      (await perform(() => api<T>(method, path, body)))?.value,
    [perform],
  );
  return { busy: isPending, error: error ?? undefined, perform, run };
}

/** A form's action (busy, its refusal) and its submit, which sends the form through the action. */
export interface FormAction extends Action {
  submit: () => Promise<void>;
}

/** The action of a FormPanel: `send` gets the action to run the API call with, and says what follows success. */
export function useFormAction(send: (action: Action) => Promise<unknown>): FormAction {
  const action = useAction();
  return {
    ...action,
    submit: async () => {
      await send(action);
    },
  };
}
