import fs from 'node:fs';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { AppConfig } from './config';

function tlsOptions(config: AppConfig): ConnectionOptions['tls'] {
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    return {
      clientCertPair: {
        crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH),
        key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH),
      },
    };
  }
  return config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? true : undefined;
}

/** Client connection options (address, TLS, API key) from the configuration. */
export function clientConnectionOptions(config: AppConfig): ConnectionOptions {
  return { address: config.TEMPORAL_ADDRESS, tls: tlsOptions(config), apiKey: config.TEMPORAL_API_KEY };
}

/** Opens a client connection to the configured Temporal service. */
export async function connectClient(config: AppConfig): Promise<Connection> {
  return Connection.connect(clientConnectionOptions(config));
}

/** Opens a worker connection to the configured Temporal service. */
export async function connectWorker(config: AppConfig): Promise<NativeConnection> {
  const options: NativeConnectionOptions = {
    address: config.TEMPORAL_ADDRESS,
    tls: tlsOptions(config),
    apiKey: config.TEMPORAL_API_KEY,
  };
  return NativeConnection.connect(options);
}
