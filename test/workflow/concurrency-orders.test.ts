import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Call } from '../../domain/contract/call';
import { callOrder } from '../../workflows';
import { gateStateQuery, gateWorkflowId, getCallQuery, pauseUpdate, resumeUpdate } from '../../workflows/messages';
import { waitForCall } from '../helpers/calls';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createDevServerEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

const PHONE = '+12125550171';
/** A call of about 10 s at speed 40: long enough for a waiter to be paused while it lasts. */
const LONG_CALL = '+12125550172';

describe('call orders sharing a concurrency key, on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createDevServerEnv(), bundleWorkflows()]);
    worker = await startTestWorker(env, bundle, {
      speed: 40,
      scenarios: {
        numbers: {
          [PHONE]: { attempts: [{ outcome: 'human', ringSecs: 8, talkSecs: 20 }] },
          [LONG_CALL]: { attempts: [{ outcome: 'human', ringSecs: 1, talkSecs: 400 }] },
        },
      },
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

  /** A holder on a fresh key with max 1, calling, and a second order queued behind it for the slot. */
  async function holderAndWaiter(prefix: string, holderPhone: string) {
    const nowMs = Date.now();
    const key = `${prefix}-${nowMs}`;
    const start = (phone: string) => {
      const order = testOrder({ phone_number: phone, force_now: true, concurrency: { key, max: 1 } }, { nowMs });
      return env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue: worker.taskQueue, args: [order] });
    };
    const holding = await start(holderPhone);
    await waitForCall(holding, (call) => call.status === 'calling', { intervalMs: 50, what: 'calling' });
    const waiting = await start(PHONE);
    await waitForCall(waiting, (call) => call.waiting_for === 'slot', { intervalMs: 50, what: 'waiting for a slot' });
    return { key, holding, waiting };
  }

  it('given an order waiting for a slot, when paused, then it rests paused at once, leaves the queue, and resumes to wait again', async () => {
    const { key, holding, waiting } = await holderAndWaiter('pause', LONG_CALL);

    const paused = await waiting.executeUpdate(pauseUpdate);
    expect(paused.status).toBe('paused');
    expect((await holding.query(getCallQuery)).status).toBe('calling');
    const gate = env.client.workflow.getHandle(gateWorkflowId('org_test', key));
    expect((await gate.query(gateStateQuery)).queue).toEqual([]);

    // A pause and a resume in quick succession both answer; the order is back in the queue.
    await waiting.executeUpdate(resumeUpdate);
    await waitForCall(waiting, (call) => call.waiting_for === 'slot' || call.status === 'calling', { intervalMs: 50 });
    const [first, second] = await Promise.all([holding.result(), waiting.result()]);
    expect([first.status, second.status]).toEqual(['completed', 'completed']);
    expect(second.calls_count).toBe(1);
  }, 120_000);

  it('given a pause immediately followed by a resume while waiting for a slot, then neither update hangs', async () => {
    const { holding, waiting } = await holderAndWaiter('flip', PHONE);

    const [pauseAnswer, resumeAnswer] = await Promise.all([
      waiting.executeUpdate(pauseUpdate),
      waiting.executeUpdate(resumeUpdate),
    ]);
    expect(['paused', 'queued_for_calling', 'calling']).toContain(pauseAnswer.status);
    expect(resumeAnswer.status).not.toBe('paused');
    expect((await waiting.result()).status).toBe('completed');
    await holding.result();
  }, 120_000);
});
