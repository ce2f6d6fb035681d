import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Call } from '../../domain/contract/call';
import { callOrder } from '../../workflows';
import { getCallQuery } from '../../workflows/messages';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createDevServerEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

const PHONE = '+12125550171';

describe('call orders sharing a concurrency key, on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createDevServerEnv(), bundleWorkflows()]);
    worker = await startTestWorker(env, bundle, {
      speed: 40,
      scenarios: { numbers: { [PHONE]: { attempts: [{ outcome: 'human', ringSecs: 8, talkSecs: 20 }] } } },
    });
  }, 120_000);

  afterAll(async () => {
    await worker.stop();
    await env.teardown();
  });

  it('given 30 orders on one key with max 3, then never more than 3 calls are live at the provider and all complete', async () => {
    const nowMs = Date.now();
    const orders = Array.from({ length: 30 }, () =>
      testOrder({ phone_number: PHONE, force_now: true, concurrency: { key: `line-${nowMs}`, max: 3 } }, { nowMs }),
    );
    let peak = 0;
    let sawWaitingForSlot = false;
    const sampler = setInterval(() => {
      peak = Math.max(peak, worker.simulator.liveCalls().length);
    }, 20);

    const handles = await Promise.all(
      orders.map((order) =>
        env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue: worker.taskQueue, args: [order] }),
      ),
    );
    const last = handles.at(-1)!;
    for (let i = 0; i < 100 && !sawWaitingForSlot; i += 1) {
      const call = await last.query(getCallQuery);
      sawWaitingForSlot = call.status === 'queued_for_calling' && call.waiting_for === 'slot';
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const calls: Call[] = await Promise.all(handles.map((handle) => handle.result()));
    clearInterval(sampler);

    expect(calls.every((call) => call.status === 'completed' && call.calls_count === 1)).toBe(true);
    expect(peak).toBe(3);
    expect(sawWaitingForSlot).toBe(true);
  }, 180_000);
});
