import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { simProviderCallId } from '../../activities/providers/sim/simulator';
import { callOrder } from '../../workflows';
import { dialAttempts, waitForCall } from '../helpers/calls';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createDevServerEnv, uniqueTaskQueue } from '../helpers/temporal';
import { startTestWorker } from '../helpers/worker';

/** A person who talks for a while: about 5 s at speed 60. */
const TALKER = '+12125550181';
const scenarios = { numbers: { [TALKER]: { attempts: [{ outcome: 'human' as const, ringSecs: 2, talkSecs: 300 }] } } };

describe('a worker that shuts down during a live call (dev server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createDevServerEnv(), bundleWorkflows()]);
  }, 120_000);

  afterAll(async () => {
    await env.teardown();
  });

  it('given a conversation in progress, when its worker shuts down, then the call is not hung up and another worker carries it to the end', async () => {
    const taskQueue = uniqueTaskQueue('shutdown');
    const first = await startTestWorker(env, bundle, { scenarios, speed: 60, taskQueue });
    const order = testOrder({ phone_number: TALKER, force_now: true }, { nowMs: Date.now() });
    const handle = await env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue, args: [order] });
    await waitForCall(handle, (call) => call.last_call_attempt?.status === 'ongoing', {
      intervalMs: 50,
      what: 'a conversation in progress',
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    await first.stop();
    const providerCallId = simProviderCallId(order.id, 1);
    expect(first.simulator.hangUps(providerCallId)).toBe(0);

    const second = await startTestWorker(env, bundle, { scenarios, speed: 60, taskQueue });
    try {
      const call = await handle.result();
      expect(call.status).toBe('completed');
      expect(call.calls_count).toBe(1);
      expect(call.last_call_attempt).toMatchObject({ result: 'human', ended_by: 'agent', end_reason: 'tool_end_call' });
      expect(dialAttempts(await handle.fetchHistory())).toHaveLength(1);
      expect(second.simulator.hangUps(providerCallId)).toBe(0);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
