import type { AppDeps } from './deps';
import { buildOpenApi, publishedRoutes } from './openapi';
import type { AnyRoute } from './route';
import { healthRoutes } from './routes/health';
import { v1Routes } from './routes/index';

/** Dependencies no route may read while it is declared: only its handler reads them, and none runs here. */
const declaringOnly = new Proxy({} as AppDeps, {
  get(_target, key) {
    throw new Error(`deps.${String(key)} was read while the routes were declared`);
  },
});

/**
 * The OpenAPI document as the API serves it at /openapi.json, built without a server, a database or Temporal:
 * `npm run gen:api` generates the web's and the client's types from it.
 */
export function openApiDocument(version: string): object {
  return buildOpenApi(declaredRoutes(), version);
}

/** Every route as the document publishes it (its handler never runs here). */
export const declaredRoutes = (): AnyRoute[] => publishedRoutes(healthRoutes(declaringOnly), v1Routes(declaringOnly));
