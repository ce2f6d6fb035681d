import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ensureTemporalBinaries } from '../../scripts/temporal-bin';
import { registerSearchAttributes } from '../../config/search-attributes';
import { allSearchAttributeKeys } from '../../workflows/search-attributes';

let binaries: ReturnType<typeof ensureTemporalBinaries> | undefined;

function provisioned(): ReturnType<typeof ensureTemporalBinaries> {
  binaries ??= ensureTemporalBinaries();
  return binaries;
}

/** A time-skipping test server from the provisioned binary (the SDK's download when none), search attributes registered. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { testServer } = provisioned();
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    testServer ? { server: { executable: { type: 'existing-path', path: testServer.path } } } : {},
  );
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** A dev server (in memory) from the provisioned CLI, with the project's search attributes registered. */
export async function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  const { cli } = provisioned();
  return TestWorkflowEnvironment.createLocal({
    server: {
      ...(cli ? { executable: { type: 'existing-path', path: cli.path } } : {}),
      searchAttributes: allSearchAttributeKeys,
      log: { format: 'pretty', level: 'error' },
    },
  });
}

/** The workflow bundle, built once per test file. */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundlerLogger });
}

const noop = (): void => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

let taskQueueCounter = 0;
/** A task queue name unique to this test run. */
export function uniqueTaskQueue(prefix = 'test'): string {
  taskQueueCounter += 1;
  return `${prefix}-${process.pid}-${taskQueueCounter}-${Date.now()}`;
}
