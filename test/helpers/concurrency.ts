import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createGateActivities, type GateActivityDeps } from '../../activities/gate';
import { createProviders } from '../../activities/providers';
import { gateStateQuery, gateWorkflowId, type GateState } from '../../workflows/messages';
import { createTalkActivities } from '../workflows-fixtures/talk-activities';
import { testOrder } from './orders';

const noop = (): void => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

/** The real workflows plus the `slotHolder` test workflow, built once per test file. */
export async function bundleConcurrencyFixtures(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows-fixtures'),
    logger: quietBundlerLogger,
  });
}

/** The simulator-backed test activities (one meter, shared by every worker given the same `talk`). */
export async function createTalk(simSpeed: number) {
  const providers = await createProviders({ sim: { speed: simSpeed } });
  return createTalkActivities(providers, testOrder({}, { nowMs: Date.now() }));
}

/** A worker for the gate and the `slotHolder` workflows, with the gate activities bound to `env.client`. */
export async function createConcurrencyWorker(options: {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  taskQueue: string;
  talk: ReturnType<typeof createTalkActivities>;
  gate?: Omit<GateActivityDeps, 'client'>;
  identity?: string;
  /** Default the environment's; a second worker on the same task queue needs its own connection. */
  connection?: NativeConnection;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection ?? options.env.nativeConnection,
    taskQueue: options.taskQueue,
    workflowBundle: options.bundle,
    ...(options.identity ? { identity: options.identity } : {}),
    activities: {
      ...createGateActivities({ client: options.env.client, ...options.gate }),
      ...options.talk.activities,
    },
  });
}

/** Polls `read` (every 25 ms, real time) until `accept` holds; throws after `timeoutMs`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await delay(25);
  }
}

/** The gate's state by query. */
export async function gateState(client: Client, organizationId: string, key: string): Promise<GateState> {
  return client.workflow.getHandle(gateWorkflowId(organizationId, key)).query(gateStateQuery);
}
