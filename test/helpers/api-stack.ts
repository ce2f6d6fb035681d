import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import { type AppDeps, createApp } from '../../api/app';
import { loadTimezoneTable } from '../../config/timezone-table';
import { testLogger } from './logger';
import { bundleWorkflows, createDevServerEnv } from './temporal';
import { type RunningWorker, startTestWorker } from './worker';

export interface ApiStack {
  env: TestWorkflowEnvironment;
  worker: RunningWorker;
  app: Express;
  stop: () => Promise<void>;
}

/** A dev server, a worker with the instant simulator, and the Express app wired to them. */
export async function startApiStack(options: Pick<AppDeps, 'apiKeys' | 'assistants'> = {}): Promise<ApiStack> {
  const [env, bundle] = await Promise.all([createDevServerEnv(), bundleWorkflows()]);
  const worker = await startTestWorker(env, bundle);
  const app = createApp({
    client: env.client,
    taskQueue: worker.taskQueue,
    logger: testLogger,
    defaultOrganizationId: 'org_local',
    timezoneTable: loadTimezoneTable(),
    ...options,
  });
  return {
    env,
    worker,
    app,
    stop: async () => {
      await worker.stop();
      await env.teardown();
    },
  };
}
