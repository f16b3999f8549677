import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { Config } from './index';

export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/**
 * Connection settings shared by the client and the worker: plain for the dev server, TLS or mTLS for a
 * cluster, API key (with TLS) for Temporal Cloud. Only configuration changes between them.
 */
export function temporalConnectionSettings(config: Config, address: string): TemporalConnectionSettings {
  const mtls = config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH;
  const useTls = config.TEMPORAL_TLS || Boolean(mtls) || Boolean(config.TEMPORAL_API_KEY);
  if (!useTls) return { address };
  const tls: TLSConfig = {
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: readFileSync(config.TEMPORAL_TLS_CA_PATH) } : {}),
    ...(mtls
      ? {
          clientCertPair: {
            crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH as string),
            key: readFileSync(config.TEMPORAL_TLS_KEY_PATH as string),
          },
        }
      : {}),
  };
  return { address, tls, ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}) };
}
