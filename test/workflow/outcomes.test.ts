import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { z } from 'zod';
import type { scenarioFileSchema } from '../../activities/providers/sim/scenario';
import type { Call } from '../../domain/contract/call';
import type { PlaceCallBody } from '../../domain/contract/place-call';
import type { AttemptRecord, NormalizedOrder } from '../../domain/order';
import { firstAttemptAt, isOpenAt, nextAttemptAt } from '../../domain/schedule';
import { callOrder } from '../../workflows';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

/** Scripted numbers (fictional NANP 555-01xx numbers in New York). */
const N = {
  human: '+12125550151',
  unknown: '+12125550152',
  voicemail: '+12125550153',
  ivrNavigates: '+12125550154',
  ivrDeadEnd: '+12125550155',
  screeningHuman: '+12125550156',
  screeningVoicemail: '+12125550157',
  mixed: '+12125550158',
  twice: '+12125550159',
  busy: '+12125550160',
  no_answer: '+12125550161',
  temporarily_unavailable: '+12125550162',
  too_many_calls: '+12125550163',
  non_classified_error: '+12125550164',
  number_non_attributed: '+12125550165',
  no_international_permission: '+12125550166',
  precondition_failed: '+12125550167',
} as const;

const scenarios: z.input<typeof scenarioFileSchema> = {
  numbers: {
    [N.human]: { attempts: [{ outcome: 'human', answers: { email: 'ana@example.com', interested: true } }] },
    [N.unknown]: { attempts: ['unknown'] },
    [N.voicemail]: { attempts: ['voicemail'] },
    [N.ivrNavigates]: { attempts: [{ outcome: 'IVR', ivrReachesHuman: true }] },
    [N.ivrDeadEnd]: { attempts: [{ outcome: 'IVR', ivrReachesHuman: false }] },
    [N.screeningHuman]: { attempts: [{ outcome: 'ios-screening-filter', screeningContinuesAs: 'human' }] },
    [N.screeningVoicemail]: { attempts: [{ outcome: 'ios-screening-filter', screeningContinuesAs: 'voicemail' }] },
    [N.mixed]: { attempts: ['busy', 'voicemail', 'no_answer', { outcome: 'IVR', ivrReachesHuman: false }] },
    [N.twice]: { attempts: ['no_answer', 'no_answer', 'human'] },
    ...Object.fromEntries(
      (['busy', 'no_answer', 'temporarily_unavailable', 'too_many_calls', 'non_classified_error'] as const).map(
        (error) => [N[error], { attempts: [error, 'human'] }],
      ),
    ),
    ...Object.fromEntries(
      (['number_non_attributed', 'no_international_permission', 'precondition_failed'] as const).map((error) => [
        N[error],
        { attempts: [error] },
      ]),
    ),
  },
};

const fields: NonNullable<PlaceCallBody['assistant']>['structured_output_config'] = [
  { name: 'email', type: 'string', required: true, description: 'Email address' },
  { name: 'interested', type: 'boolean', required: false },
];

/** How late a workflow timer may fire after its planned instant on the test server. */
const TIMER_LATENESS_MS = 2000;

describe('the outcome table (SPEC §3), on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    worker = await startTestWorker(env, bundle, { scenarios });
  }, 120_000);

  afterAll(async () => {
    await worker.stop();
    await env.teardown();
  });

  async function place(
    phone: string,
    assistant: Partial<NonNullable<PlaceCallBody['assistant']>> = {},
  ): Promise<{ order: NormalizedOrder; call: Call }> {
    const nowMs = await env.currentTimeMs();
    const order = testOrder(
      { phone_number: phone, assistant: { prompt: 'Confirm the appointment.', ...assistant } },
      { nowMs },
    );
    const call = await env.client.workflow.execute(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    return { order, call };
  }

  /** Oldest first, as the scheduling rules read them. */
  function records(call: Call): AttemptRecord[] {
    return [...call.call_attempts].reverse().map((attempt) => ({
      startedAtMs: Date.parse(attempt.started_at!),
      endedAtMs: Date.parse(attempt.ended_at!),
      reachedHuman: attempt.result === 'human' && attempt.status === 'completed',
    }));
  }

  /**
   * Every attempt started when the scheduling core says it may. Timers are relative, so an attempt starts a few
   * milliseconds after its planned instant (the time the timer command takes to reach the server), never before.
   */
  function expectInstantsFromSchedulingCore(order: NormalizedOrder, call: Call): void {
    const history = records(call);
    const expectStartedAt = (startedAtMs: number, plannedMs: number | null): void => {
      expect(plannedMs).not.toBeNull();
      expect(startedAtMs - plannedMs!).toBeGreaterThanOrEqual(0);
      expect(startedAtMs - plannedMs!).toBeLessThan(TIMER_LATENESS_MS);
    };
    expectStartedAt(history[0]!.startedAtMs, firstAttemptAt(order.schedule, order.createdAtMs));
    for (let i = 1; i < history.length; i += 1) {
      expectStartedAt(history[i]!.startedAtMs, nextAttemptAt(order.schedule, history.slice(0, i)));
      expect(isOpenAt(order.schedule, history[i]!.startedAtMs)).toBe(true);
    }
  }

  it('given a person answers, then the agent converses, extracts the structured output and completes', async () => {
    const { order, call } = await place(N.human, { structured_output_config: fields });

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
    const attempt = call.last_call_attempt!;
    expect(attempt).toEqual(call.call_attempts[0]);
    expect(attempt).toMatchObject({ status: 'completed', result: 'human', ended_by: 'agent' });
    expect(attempt.structured_output).toEqual({ email: 'ana@example.com', interested: true });
    expect(new Set(attempt.transcript!.map((turn) => turn.role))).toEqual(new Set(['assistant', 'user', 'tool']));
    expectInstantsFromSchedulingCore(order, call);
  });

  it('given an unknown answerer, then it is treated as a person and the order completes', async () => {
    const { call } = await place(N.unknown);

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
    expect(call.last_call_attempt!.result).toBe('unknown');
  });

  it('given voicemail every time, then the message is left once, later voicemails hang up at once, and it retries', async () => {
    const { order, call } = await place(N.voicemail, { voicemail_message: 'Please call us back.' });

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(3);
    const [first, ...later] = [...call.call_attempts].reverse();
    const left = (attempt: typeof first) => attempt!.transcript!.some((turn) => turn.tool_name === 'leave_voicemail');
    expect(left(first)).toBe(true);
    expect(later.map(left)).toEqual([false, false]);
    expect(call.call_attempts.every((attempt) => attempt.end_reason === 'voicemail')).toBe(true);
    expectInstantsFromSchedulingCore(order, call);
  });

  it('given an IVR and navigation enabled, when the menu leads to a person, then the order completes', async () => {
    const { call } = await place(N.ivrNavigates, { ivr_navigation_enabled: true });

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(1);
    expect(call.last_call_attempt!.transcript!.some((turn) => turn.tool_name === 'send_dtmf')).toBe(true);
  });

  it('given an IVR and navigation disabled, then it hangs up with ivr_no_navigate and retries', async () => {
    const { order, call } = await place(N.ivrDeadEnd);

    expect(call.calls_count).toBe(3);
    expect(call.call_attempts.map((attempt) => [attempt.result, attempt.end_reason])).toEqual([
      ['IVR', 'ivr_no_navigate'],
      ['IVR', 'ivr_no_navigate'],
      ['IVR', 'ivr_no_navigate'],
    ]);
    expectInstantsFromSchedulingCore(order, call);
  });

  it('given iOS call screening, then the agent answers it and continues as a person or as voicemail', async () => {
    // One at a time: the test server's time skipping is not meant for concurrent waits on results.
    const human = await place(N.screeningHuman);
    const voicemail = await place(N.screeningVoicemail);

    expect(human.call.status).toBe('completed');
    expect(human.call.calls_count).toBe(1);
    expect(voicemail.call.calls_count).toBe(3);
    expectInstantsFromSchedulingCore(voicemail.order, voicemail.call);
  });

  it.each(['busy', 'no_answer', 'temporarily_unavailable', 'too_many_calls', 'non_classified_error'] as const)(
    'given a %s dial error, then it retries after the delay of the window and reaches the person',
    async (error) => {
      const { order, call } = await place(N[error]);

      expect(call.status).toBe('completed');
      expect(call.calls_count).toBe(2);
      const [failed, reached] = [...call.call_attempts].reverse();
      expect(failed).toMatchObject({ status: 'error', dial_error: error, result: null, answered_at: null });
      expect(reached).toMatchObject({ status: 'completed', result: 'human' });
      expectInstantsFromSchedulingCore(order, call);
      expect(Date.parse(reached!.started_at!) - Date.parse(failed!.ended_at!)).toBeGreaterThanOrEqual(7200_000);
    },
  );

  it.each(['number_non_attributed', 'no_international_permission', 'precondition_failed'] as const)(
    'given a %s dial error, then the order ends errored without a retry',
    async (error) => {
      const { call } = await place(N[error]);

      expect(call.status).toBe('errored');
      expect(call.calls_count).toBe(1);
      expect(call.last_call_attempt).toMatchObject({ status: 'error', dial_error: error });
    },
  );

  it('given attempts that never reach anyone, when they run out, then the order completes with exactly max_retry_attempts', async () => {
    const { order, call } = await place(N.mixed, {
      call_retry_config: { max_retry_attempts: 4, calling_windows: [{ retry_delay_seconds: 3600 }] },
    });

    expect(call.status).toBe('completed');
    expect(call.calls_count).toBe(4);
    expect([...call.call_attempts].reverse().map((attempt) => attempt.dial_error ?? attempt.result)).toEqual([
      'busy',
      'voicemail',
      'no_answer',
      'IVR',
    ]);
    expectInstantsFromSchedulingCore(order, call);
  });

  it('given call_twice_in_a_row, then attempt #2 follows attempt #1 at once and #3 waits for the delay', async () => {
    const { order, call } = await place(N.twice, {
      call_retry_config: {
        max_retry_attempts: 3,
        call_twice_in_a_row: true,
        calling_windows: [
          { calling_window_start_time: '00:00', calling_window_end_time: '24:00', retry_delay_seconds: 5400 },
        ],
      },
    });

    expect(call.calls_count).toBe(3);
    const [first, second, third] = records(call);
    expect(second!.startedAtMs).toBe(first!.endedAtMs);
    expect(third!.startedAtMs - (second!.endedAtMs + 5400_000)).toBeLessThan(TIMER_LATENESS_MS);
    expectInstantsFromSchedulingCore(order, call);
  });

  it('given a window that is closed when the retry is due, then the retry waits for the next open window', async () => {
    const { order, call } = await place(N.busy, {
      call_retry_config: {
        timezone: 'Asia/Tokyo',
        calling_windows: [
          { calling_window_start_time: '9am', calling_window_end_time: '9:30am', retry_delay_seconds: 2400 },
        ],
      },
    });

    const [first, second] = records(call);
    expect(new Date(first!.startedAtMs).toISOString()).toMatch(/T00:0\d:\d\d\.\d{3}Z$/);
    expect(second!.startedAtMs - first!.startedAtMs).toBeGreaterThan(23 * 3600_000);
    expect(new Date(second!.startedAtMs).toISOString()).toMatch(/T00:00:0\d\.\d{3}Z$/);
    expectInstantsFromSchedulingCore(order, call);
  });
});
