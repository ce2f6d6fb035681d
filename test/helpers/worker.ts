import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createProviders } from '../../activities/providers';
import type { z } from 'zod';
import type { scenarioFileSchema } from '../../activities/providers/sim/scenario';
import type { Simulator } from '../../activities/providers/sim/simulator';
import { createWorker } from '../../workers/create-worker';
import { testLogger } from './logger';
import { uniqueTaskQueue } from './temporal';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  simulator: Simulator;
  /** Stops the worker and waits until it has stopped. */
  stop: () => Promise<void>;
}

/** A real worker on a fresh task queue, with the simulator running `scenarios` at `speed` (0 = instant). */
export async function startTestWorker(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  options: {
    scenarios?: z.input<typeof scenarioFileSchema>;
    speed?: number;
    webhookSigningSecret?: string;
    taskQueue?: string;
  } = {},
): Promise<RunningWorker> {
  const taskQueue = options.taskQueue ?? uniqueTaskQueue();
  let scenarioFile: string | undefined;
  if (options.scenarios) {
    scenarioFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scenarios-')), 'scenarios.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(options.scenarios));
  }
  const providers = await createProviders({
    sim: { speed: options.speed ?? 0, ...(scenarioFile ? { scenarioFile } : {}) },
  });
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    providers,
    logger: testLogger,
    workflowBundle: bundle,
    webhookSigningSecret: options.webhookSigningSecret,
    client: env.client,
  });
  const running = worker.run();
  return {
    worker,
    taskQueue,
    simulator: providers.simulator,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
