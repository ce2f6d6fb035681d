/* API process: serves the REST API on PORT until SIGINT / SIGTERM. */
import { Client } from '@temporalio/client';
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { connectClient } from '../config/temporal';
import { createApp } from './app';
import { loadTimezoneTable } from '../config/timezone-table';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('api', config.LOG_LEVEL);
  const connection = await connectClient(config);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({
    client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    defaultOrganizationId: config.DEFAULT_ORGANIZATION_ID,
    timezoneTable: loadTimezoneTable(),
    apiKeys: config.API_KEYS,
    defaultFromPhoneNumber: config.DEFAULT_FROM_PHONE_NUMBER,
  });
  if (config.API_KEYS.size === 0) {
    logger.warn(
      { organizationId: config.DEFAULT_ORGANIZATION_ID },
      'no API_KEYS configured: every request is served as one organization, without authentication',
    );
  } else {
    logger.info({ organizations: new Set(config.API_KEYS.values()).size }, 'API keys configured');
  }
  const server = app.listen(config.PORT, config.HOST, (error?: Error) => {
    if (error) {
      logger.fatal({ err: error.message }, `cannot listen on ${config.HOST}:${config.PORT}`);
      process.exit(1);
    }
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'api listening');
  });
  const stop = (): void => {
    logger.info('api stopping');
    server.close(() => {
      void connection.close().finally(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
