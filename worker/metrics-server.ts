import { createServer, type Server } from 'node:http';
import { PROMETHEUS_CONTENT_TYPE, scrapeAllowed, type HeliMetrics } from '../config/heli-metrics';

/**
 * `GET /metrics` on a port of its own (METRICS_PORT), for a process that runs a worker without the API; the API
 * serves the same metrics at its own `/metrics` as well, Temporal Core's among them.
 */
export async function serveMetrics(
  metrics: HeliMetrics,
  options: { port: number; host: string; token?: string },
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } else if (!scrapeAllowed(req.headers.authorization, options.token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorised\n');
    } else {
      void metrics.scrape().then(
        (text) => res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(text),
        () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

/**
 * Serves `/metrics` on METRICS_PORT when it is set, registering the server's close with the process's other stops;
 * answers the scrape URL (undefined when no port is set).
 */
export async function serveMetricsOnOwnPort(
  metrics: HeliMetrics,
  config: { METRICS_PORT?: number; HOST: string; METRICS_TOKEN?: string },
  stops: (() => Promise<void>)[],
): Promise<string | undefined> {
  if (config.METRICS_PORT === undefined) return undefined;
  const own = await serveMetrics(metrics, {
    port: config.METRICS_PORT,
    host: config.HOST,
    token: config.METRICS_TOKEN,
  });
  stops.push(() => new Promise<void>((resolve) => own.close(() => resolve())));
  const address = own.address();
  return `http://${config.HOST}:${typeof address === 'object' && address ? address.port : config.METRICS_PORT}/metrics`;
}
