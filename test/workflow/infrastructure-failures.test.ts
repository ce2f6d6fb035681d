import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createProviders } from '../../activities/providers';
import type { Providers } from '../../activities/providers/types';
import { callOrder } from '../../workflows';
import { gateStateQuery, gateWorkflowId, getCallQuery } from '../../workflows/messages';
import { createWorker } from '../../workers/create-worker';
import { testOrder } from '../helpers/orders';
import { testLogger } from '../helpers/logger';
import { bundleWorkflows, createTimeSkippingEnv, uniqueTaskQueue } from '../helpers/temporal';

/**
 * Outside systems that keep failing (a carrier that refuses every hang-up, a gate nobody can reach): the order
 * still ends as an order, with a final status and a closed attempt, never as a failed run with a half-written state.
 */
describe('orders whose infrastructure keeps failing (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
  }, 120_000);

  afterAll(async () => {
    await env.teardown();
  });

  /** Runs `order` on a worker whose activities use `providers` (and no gate activities: no Temporal client). */
  async function runOn(providers: Providers, body: Parameters<typeof testOrder>[0]) {
    const taskQueue = uniqueTaskQueue('infra');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ providers, logger: testLogger }),
    });
    const order = testOrder({ force_now: true, ...body }, { nowMs: Date.now() });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue, args: [order] });
      const call = await handle.result();
      return { call, closedAs: (await handle.describe()).status.name };
    });
  }

  it('given a conversation that fails and a hang-up that always fails, then the attempt ends and the order goes on', async () => {
    const sim = await createProviders({ sim: { speed: 0 } });
    let hangUps = 0;
    const providers: Providers = {
      ...sim,
      telephony: {
        ...sim.telephony,
        hangUp: () => {
          hangUps += 1;
          return Promise.reject(new Error('carrier unreachable'));
        },
      },
      voiceAgent: { converse: () => Promise.reject(new Error('agent crashed')) },
    };
    const { call, closedAs } = await runOn(providers, {
      phone_number: '+12125550101',
      assistant: { prompt: 'Hi.', call_retry_config: { max_retry_attempts: 1 } },
    });

    expect(closedAs).toBe('COMPLETED');
    expect(call.status).toBe('completed');
    expect(call.last_call_attempt).toMatchObject({
      status: 'completed',
      ended_by: 'system',
      end_reason: 'agent_error',
    });
    expect(hangUps).toBe(12);
  }, 120_000);

  it('given an order holding a slot, when its call ends, then the slot goes back before the structured output is read', async () => {
    const sim = await createProviders({ sim: { speed: 0 } });
    let extracting = (): void => undefined;
    const started = new Promise<void>((resolve) => (extracting = resolve));
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const providers: Providers = {
      ...sim,
      extractor: {
        extract: async () => {
          extracting();
          await finished;
          return {};
        },
      },
    };
    const taskQueue = uniqueTaskQueue('release');
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      providers,
      logger: testLogger,
      workflowBundle: bundle,
      client: env.client,
    });
    const key = `release-${Date.now()}`;
    const order = testOrder(
      {
        phone_number: '+12125550101',
        force_now: true,
        concurrency: { key, max: 1 },
        assistant: { prompt: 'Hi.', structured_output_config: [{ name: 'email', type: 'string', required: false }] },
      },
      { nowMs: Date.now() },
    );
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue, args: [order] });
      try {
        await started;
        const gate = env.client.workflow.getHandle(gateWorkflowId('org_test', key));
        const holders = async () => (await gate.query(gateStateQuery)).holders;
        for (let i = 0; i < 100 && (await holders()).length > 0; i += 1) await new Promise((r) => setTimeout(r, 50));
        expect(await holders()).toEqual([]);
        expect((await handle.query(getCallQuery)).status).toBe('post_processing');
      } finally {
        finish();
      }
      expect((await handle.result()).status).toBe('completed');
    });
  }, 120_000);

  it('given an order with concurrency on a worker that cannot reach any gate, then it ends errored, not failed', async () => {
    const { call, closedAs } = await runOn(await createProviders({ sim: { speed: 0 } }), {
      phone_number: '+12125550101',
      assistant: { prompt: 'Hi.' },
      concurrency: { key: 'nowhere', max: 1 },
    });

    expect(closedAs).toBe('COMPLETED');
    expect(call.status).toBe('errored');
    expect(call.calls_count).toBe(0);
  }, 120_000);
});
