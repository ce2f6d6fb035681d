import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import { type ConcurrencyLimits, createGateActivities } from '../activities/gate';
import type { Providers } from '../activities/providers/types';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  providers: Providers;
  logger: Logger;
  /** A pre-built workflow bundle (tests build one per file); bundled from source when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  webhookSigningSecret?: string | undefined;
  /**
   * A client on the same namespace: the `requestSlot` activity starts concurrency gates with it. Without one the
   * worker cannot serve orders that set `concurrency`.
   */
  client?: Client;
  /** Limits of keys whose orders omit `max`; default one slot per key. */
  concurrencyLimits?: ConcurrencyLimits;
}

/** A worker running the call order workflows and their activities on one task queue. */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const activities = {
    ...createActivities({
      providers: options.providers,
      logger: options.logger,
      webhookSigningSecret: options.webhookSigningSecret,
    }),
    ...(options.client
      ? createGateActivities({
          client: options.client,
          ...(options.concurrencyLimits ? { limits: options.concurrencyLimits } : {}),
        })
      : {}),
  };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities,
    // Heartbeats reach the server within a second, so a cancelled call is hung up within seconds.
    maxHeartbeatThrottleInterval: '1 second',
    defaultHeartbeatThrottleInterval: '1 second',
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}
