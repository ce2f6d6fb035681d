import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ScenarioFile } from '../../activities/providers/sim/scenario';
import { simProviderCallId } from '../../activities/providers/sim/simulator';
import type { PlaceCallRequest } from '../../domain/contract/place-call';
import { isOpenAt, nextOpenInstant } from '../../domain/schedule';
import { callOrder } from '../../workflows';
import { pauseSignal, pauseUpdate, resumeSignal, resumeUpdate } from '../../workflows/messages';
import { dialAttempts, waitForCall } from '../helpers/calls';
import { expectConflict, startDownWebhookReceiver } from '../helpers/conflict';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

/*
 * SPEC §4: pause and resume stop and restart the dialing of one order without losing its history; an instant that
 * passed while paused is recomputed, never dialed late outside a window; a pause during an attempt lets it finish.
 * Time-skipping server: days pass in env.sleep(); the simulator runs at speed 10 so an attempt lasts a moment.
 */

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const ANSWERS = '+14155550301';
const BUSY_THEN_ANSWERS = '+14155550302';
const NOT_ATTRIBUTED = '+14155550303';

const scenarios: ScenarioFile = {
  numbers: {
    [ANSWERS]: { attempts: [{ outcome: 'human', ringSecs: 1, talkSecs: 0 }] },
    // 30 s of ringing at speed 10: a 3 s busy attempt to pause in the middle of.
    [BUSY_THEN_ANSWERS]: {
      attempts: [
        { outcome: 'busy', ringSecs: 30 },
        { outcome: 'human', ringSecs: 1, talkSecs: 0 },
      ],
    },
    [NOT_ATTRIBUTED]: { attempts: [{ outcome: 'number_non_attributed' }] },
  },
};

/** One window, 10:00-11:00 UTC, every day. */
const tenToElevenUtc: Partial<PlaceCallRequest> = {
  assistant: {
    prompt: 'Say hello.',
    call_retry_config: {
      timezone: 'UTC',
      calling_windows: [
        { calling_window_start_time: '10:00', calling_window_end_time: '11:00', retry_delay_seconds: 7200 },
      ],
    },
  },
};

/** The first 10:30 UTC at least an hour after `nowMs`. */
function nextHalfPastTenUtc(nowMs: number): number {
  const fromMs = nowMs + HOUR_MS;
  const candidateMs = Math.floor(fromMs / DAY_MS) * DAY_MS + 10.5 * HOUR_MS;
  return candidateMs >= fromMs ? candidateMs : candidateMs + DAY_MS;
}

describe('pausing and resuming a call order (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: RunningWorker;

  beforeAll(async () => {
    const bundle = await bundleWorkflows();
    env = await createTimeSkippingEnv();
    worker = await startTestWorker(env, bundle, { scenarios, speed: 10 });
  }, 120_000);

  afterAll(async () => {
    await worker.stop();
    await env.teardown();
  });

  async function start(request: Partial<PlaceCallRequest>): Promise<WorkflowHandle<typeof callOrder>> {
    const nowMs = await env.currentTimeMs();
    const order = testOrder(request, { nowMs });
    return env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue: worker.taskQueue, args: [order] });
  }

  it('given an order scheduled a day ahead, when the API pauses it, then it is paused; when resumed, it sleeps again', async () => {
    const handle = await start({ scheduled_at: new Date((await env.currentTimeMs()) + DAY_MS).toISOString() });
    await waitForCall(handle, (call) => call.status === 'scheduled', { what: 'scheduled' });

    const paused = await handle.executeUpdate(pauseUpdate);
    expect(paused.status).toBe('paused');
    expect((await waitForCall(handle, () => true)).status).toBe('paused');

    const resumed = await handle.executeUpdate(resumeUpdate);
    expect(resumed.status).toBe('scheduled');
    expect(resumed.waiting_for).toBe('schedule');
    expect(resumed.calls_count).toBe(0);
    await handle.terminate('test over');
  });

  it('given a paused order whose instant and window passed while paused, when resumed, then it dials at the next open window', async () => {
    const plannedMs = nextHalfPastTenUtc(await env.currentTimeMs());
    const handle = await start({
      ...tenToElevenUtc,
      phone_number: ANSWERS,
      scheduled_at: new Date(plannedMs).toISOString(),
    });
    await waitForCall(handle, (call) => call.status === 'scheduled', { what: 'scheduled' });
    expect((await handle.executeUpdate(pauseUpdate)).status).toBe('paused');

    // When the planned 10:30 and the window's 11:00 end pass while paused (it is now 12:30 UTC that day).
    await env.sleep(plannedMs + 2 * HOUR_MS - (await env.currentTimeMs()));
    const stillPaused = await waitForCall(handle, () => true);
    expect(stillPaused.status).toBe('paused');
    expect(stillPaused.calls_count).toBe(0);

    const resumedAtMs = await env.currentTimeMs();
    const resumed = await handle.executeUpdate(resumeUpdate);
    expect(resumed.status).toBe('queued_for_calling');
    const call = await handle.result();

    const startedAtMs = Date.parse(call.call_attempts[0]!.started_at!);
    const schedule = testOrder({ ...tenToElevenUtc, phone_number: ANSWERS }, { nowMs: resumedAtMs }).schedule;
    const expectedMs = nextOpenInstant(schedule, resumedAtMs)!;
    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
    expect(isOpenAt(schedule, startedAtMs)).toBe(true);
    expect(new Date(expectedMs).toISOString()).toBe(new Date(plannedMs + DAY_MS - 30 * 60_000).toISOString());
    expect(startedAtMs).toBeGreaterThanOrEqual(expectedMs);
    expect(startedAtMs).toBeLessThan(expectedMs + 60_000);
  });

  it('given an attempt ringing, when the API pauses the order, then the attempt finishes and the order waits paused', async () => {
    const handle = await start({ phone_number: BUSY_THEN_ANSWERS, force_now: true });
    await waitForCall(
      handle,
      (call) =>
        call.last_call_attempt?.status === 'ringing' &&
        worker.simulator.liveCalls().includes(simProviderCallId(call.id, 1)),
      { what: 'ringing' },
    );

    const answer = await handle.executeUpdate(pauseUpdate);
    expect(answer.status).toBe('calling');
    const paused = await waitForCall(handle, (call) => call.status === 'paused', { what: 'paused' });
    expect(paused.calls_count).toBe(1);
    expect(paused.last_call_attempt?.dial_error).toBe('busy');
    expect(worker.simulator.hangUps(simProviderCallId(paused.id, 1))).toBe(0);

    // When three days pass, nothing is dialed: the retry instant passed while paused.
    await env.sleep(3 * DAY_MS);
    expect((await waitForCall(handle, () => true)).calls_count).toBe(1);

    const resumed = await handle.executeUpdate(resumeUpdate);
    expect(resumed.status).not.toBe('paused');
    const call = await handle.result();
    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(2);
    expect(dialAttempts(await handle.fetchHistory())).toEqual([1, 2]);
  });

  it('given an order that is not paused, when the API resumes it, then the update is rejected as a conflict', async () => {
    const handle = await start({ scheduled_at: new Date((await env.currentTimeMs()) + DAY_MS).toISOString() });
    await waitForCall(handle, (call) => call.status === 'scheduled', { what: 'scheduled' });

    await expectConflict(handle.executeUpdate(resumeUpdate));
    expect((await waitForCall(handle, () => true)).status).toBe('scheduled');
    await handle.terminate('test over');
  });

  it('given an order in a final status (still delivering its webhook), when the API pauses it, then the update is rejected as a conflict', async () => {
    const receiver = await startDownWebhookReceiver();
    try {
      const handle = await start({
        phone_number: NOT_ATTRIBUTED,
        force_now: true,
        assistant: { prompt: 'Say hello.', webhook_url: receiver.url },
      });
      await waitForCall(handle, (call) => call.status === 'errored', { what: 'errored' });

      await expectConflict(handle.executeUpdate(pauseUpdate));
      expect((await waitForCall(handle, () => true)).status).toBe('errored');
      await handle.terminate('test over');
    } finally {
      await receiver.close();
    }
  });

  it('given a scheduled order, when ops send the pause and resume signals, then it pauses and resumes like the updates', async () => {
    const handle = await start({
      phone_number: ANSWERS,
      scheduled_at: new Date((await env.currentTimeMs()) + DAY_MS).toISOString(),
    });
    await waitForCall(handle, (call) => call.status === 'scheduled', { what: 'scheduled' });

    await handle.signal(pauseSignal);
    await waitForCall(handle, (call) => call.status === 'paused', { what: 'paused' });
    await env.sleep(2 * DAY_MS);
    expect((await waitForCall(handle, () => true)).calls_count).toBe(0);

    await handle.signal(resumeSignal);
    const call = await handle.result();
    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
  });
});
