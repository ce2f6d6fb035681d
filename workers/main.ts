/* Worker process: connects to Temporal and runs call orders until SIGINT / SIGTERM. */
import { createProviders } from '../activities/providers';
import { providersConfig } from '../config/providers';
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { Client } from '@temporalio/client';
import { connectClient, connectWorker } from '../config/temporal';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const connection = await connectWorker(config);
  const clientConnection = await connectClient(config);
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    providers: await createProviders(providersConfig(config), { logger }),
    logger,
    webhookSigningSecret: config.WEBHOOK_SIGNING_SECRET,
    client: new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    concurrencyLimits: { defaultMax: config.CONCURRENCY_DEFAULT_MAX, organizations: config.CONCURRENCY_LIMITS },
  });
  logger.info({ task_queue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
  await worker.run();
  await Promise.all([connection.close(), clientConnection.close()]);
  logger.info('worker stopped');
  // Calls this worker let go of on shutdown stay live at the provider (another worker re-attaches); nothing of
  // theirs is needed in this process any more, so it exits rather than wait for their local timers.
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
