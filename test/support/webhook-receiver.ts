import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { ResolveHost, WebhookTargetOptions } from '../../activities/webhook-target';

/** What test stacks allow webhooks to reach (WEBHOOK_ALLOWED_RANGES): the tests' loopback receivers, nothing else. */
export const LOOPBACK_RANGES = '127.0.0.0/8,::1/128';

/**
 * Resolves host names without asking the network: `localhost` and the names given (which a test may change
 * meanwhile); any other name is unknown, as a made-up name would be.
 */
export function localResolver(names: Record<string, string[]> = {}): ResolveHost & { names: typeof names } {
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    const addresses = names[host] ?? (host === 'localhost' ? ['127.0.0.1'] : undefined);
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: isIP(address) }));
  };
  return Object.assign(resolve, { names });
}

/** A webhook receiver on 127.0.0.1 that records every request and answers with `status`. */
export function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let status = 200;
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver says no');
    });
  });
  // Every TCP connection, even one that never sends a request.
  server.on('connection', () => connections++);
  return {
    received,
    connections: () => connections,
    answer: (s: number) => (status = s),
    url: new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)),
    ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Webhook targets for tests that build senders themselves: the loopback receivers, names resolved locally. */
export const loopbackTargets = (): WebhookTargetOptions => ({
  allowedRanges: LOOPBACK_RANGES.split(','),
  resolve: localResolver(),
});
