import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createProviders } from '../../activities/providers';
import { callOrder } from '../../workflows';
import { getCallQuery } from '../../workflows/messages';
import { bundleWorkflows, createTimeSkippingEnv, uniqueTaskQueue } from '../helpers/temporal';
import { testLogger } from '../helpers/logger';
import { testOrder } from '../helpers/orders';

const DAY_MS = 24 * 3600 * 1000;

describe('callOrder on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
  }, 120_000);

  afterAll(async () => {
    await env.teardown();
  });

  async function worker(taskQueue: string): Promise<Worker> {
    const providers = await createProviders({ sim: { speed: 0 } });
    return Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ providers, logger: testLogger }),
    });
  }

  it('given an order scheduled a day ahead, when the day passes, then it dials once, a day later in workflow time (the test timeout is a minute)', async () => {
    const taskQueue = uniqueTaskQueue();
    const nowMs = await env.currentTimeMs();
    const order = testOrder(
      { phone_number: '+12125550101', scheduled_at: new Date(nowMs + DAY_MS).toISOString() },
      { nowMs },
    );

    const call = await (
      await worker(taskQueue)
    ).runUntil(env.client.workflow.execute(callOrder, { workflowId: order.id, taskQueue, args: [order] }));

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
    expect(Date.parse(call.call_attempts[0]!.started_at!)).toBeGreaterThanOrEqual(nowMs + DAY_MS);
  });

  it('given a sleeping order, when it is cancelled by signal, then it ends cancelled without dialing', async () => {
    const taskQueue = uniqueTaskQueue();
    const nowMs = await env.currentTimeMs();
    const order = testOrder({ scheduled_at: new Date(nowMs + DAY_MS).toISOString() }, { nowMs });

    const call = await (
      await worker(taskQueue)
    ).runUntil(async () => {
      const handle = await env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue, args: [order] });
      const sleeping = await handle.query(getCallQuery);
      expect(sleeping.status).toBe('scheduled');
      await handle.signal('cancel');
      return handle.result();
    });

    expect(call.status).toBe('cancelled');
    expect(call.is_cancelled).toBe(true);
    expect(call.calls_count).toBe(0);
  });
});
