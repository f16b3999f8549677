/*
 * The workspace's data layer on TanStack Query: every GET is cached under its path, asked again when the window
 * regains focus and, while the page is visible, every LIVE_MS (answered 304 when nothing changed), so boards, the
 * inbox and timelines follow the server without a reload. A successful mutation marks every cached answer stale.
 */
import { QueryClient, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api';

/** How often a visible page asks again (milliseconds). */
export const LIVE_MS = 10_000;

/** A refusal (4xx) is an answer, not a hiccup: only network failures and 5xx are retried, twice. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry, staleTime: 2_000, refetchOnWindowFocus: true, refetchInterval: LIVE_MS },
      mutations: { retry: false },
    },
  });
}

export interface Loaded<T> {
  value: T | undefined;
  /** The refusal or failure of the last ask, as an ApiError (status 0 for the network). */
  error: ApiError | undefined;
  /** True until the first answer (a background refresh does not count). */
  loading: boolean;
  reload: () => void;
}

/** GET `path` (null: nothing to ask yet), cached and kept live. */
export function useApi<T>(path: string | null, options: { live?: boolean } = {}): Loaded<T> {
  return useLoaded<T>([path], path === null ? null : () => api<T>('GET', path), options);
}

/**
 * Any read that is not one GET (several calls, a computed page), cached under `key`; `load` null waits.
 * The key must name everything the answer depends on.
 */
export function useLoaded<T>(
  key: readonly unknown[],
  load: (() => Promise<T>) | null,
  { live = true }: { live?: boolean } = {},
): Loaded<T> {
  const q = useQuery<T, Error>({
    queryKey: key,
    queryFn: () => (load ? load() : Promise.reject(new Error('disabled'))),
    enabled: load !== null,
    ...(live ? {} : { refetchInterval: false }),
  });
  const error = q.error ? (q.error instanceof ApiError ? q.error : new ApiError(0, String(q.error))) : undefined;
  return {
    value: q.data,
    error,
    loading: load !== null && q.isPending,
    reload: () => void q.refetch(),
  };
}
