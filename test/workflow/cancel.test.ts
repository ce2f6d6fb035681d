import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ScenarioFile } from '../../activities/providers/sim/scenario';
import { simProviderCallId } from '../../activities/providers/sim/simulator';
import type { Call } from '../../domain/contract/call';
import type { PlaceCallRequest } from '../../domain/contract/place-call';
import { callOrder } from '../../workflows';
import { cancelSignal, cancelUpdate, pauseUpdate } from '../../workflows/messages';
import { dialAttempts, waitForCall } from '../helpers/calls';
import { expectConflict, startDownWebhookReceiver } from '../helpers/conflict';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createDevServerEnv, uniqueTaskQueue } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

/*
 * SPEC §4: cancel works the same from the API (update), a Temporal signal and Temporal workflow cancellation, in
 * every phase of an order (paused included). Live calls need real time, so this file runs on the dev server with
 * the simulator at SIM_SPEED: every order of the matrix runs at once on one worker, each `it` then reads its story.
 */

const SIM_SPEED = 10;
const DAY_MS = 24 * 3600 * 1000;
const RINGS_LONG = '+14155550201';
const TALKS_LONG = '+14155550202';
const BUSY = '+14155550203';
const NOT_ATTRIBUTED = '+14155550204';
const ANSWERS = '+14155550205';

const scenarios: ScenarioFile = {
  numbers: {
    // 120 s of ringing at speed 10: 12 s in which the dial is live and unanswered.
    [RINGS_LONG]: { attempts: [{ outcome: 'human', ringSecs: 120 }] },
    // An hour of small talk at speed 10: six minutes of live conversation.
    [TALKS_LONG]: { attempts: [{ outcome: 'human', ringSecs: 1, talkSecs: 3600 }] },
    [BUSY]: { attempts: [{ outcome: 'busy' }] },
    [NOT_ATTRIBUTED]: { attempts: [{ outcome: 'number_non_attributed' }] },
    [ANSWERS]: { attempts: [{ outcome: 'human', ringSecs: 1 }] },
  },
};

const routes = ['cancelUpdate', 'cancelSignal', 'workflow cancellation'] as const;
type Route = (typeof routes)[number];

type Phase = 'scheduled' | 'waiting for window' | 'ringing' | 'in conversation' | 'waiting for retry' | 'paused';
const phases: Phase[] = [
  'scheduled',
  'waiting for window',
  'ringing',
  'in conversation',
  'waiting for retry',
  'paused',
];
const livePhases = new Set<Phase>(['ringing', 'in conversation']);

/** What one cancelled order left behind. */
interface Story {
  result: Call;
  closedAs: string;
  attemptsBeforeCancel: number;
  dialedAttempts: number[];
  providerCallId: string;
  hangUps: number;
  hangUpLatencyMs: number | null;
}

const hhmm = (hour: number): string => `${String(hour % 24).padStart(2, '0')}:00`;

/** A body for the order that, once started, reaches `phase`. */
function requestFor(phase: Phase, nowMs: number): Partial<PlaceCallRequest> {
  switch (phase) {
    case 'scheduled':
    case 'paused':
      return { scheduled_at: new Date(nowMs + DAY_MS).toISOString() };
    case 'waiting for window': {
      const startHour = new Date(nowMs).getUTCHours() + 3;
      const window = {
        calling_window_start_time: hhmm(startHour),
        calling_window_end_time: hhmm(startHour + 2),
        retry_delay_seconds: 7200,
      };
      return {
        assistant: { prompt: 'Say hello.', call_retry_config: { timezone: 'UTC', calling_windows: [window] } },
      };
    }
    case 'ringing':
      return { phone_number: RINGS_LONG, force_now: true };
    case 'in conversation':
      return { phone_number: TALKS_LONG, force_now: true };
    case 'waiting for retry':
      return { phone_number: BUSY, force_now: true };
  }
}

/** True once the order is in `phase` (for live phases: the simulated call is up in this process). */
function inPhase(phase: Phase, call: Call, worker: RunningWorker): boolean {
  const attempt = call.last_call_attempt;
  const live = worker.simulator.liveCalls().includes(simProviderCallId(call.id, 1));
  switch (phase) {
    case 'scheduled':
      return call.status === 'scheduled' && call.waiting_for === 'schedule';
    case 'waiting for window':
      return call.status === 'queued_for_calling' && call.waiting_for === 'window';
    case 'ringing':
      return call.status === 'calling' && attempt?.status === 'ringing' && live;
    case 'in conversation':
      return call.status === 'calling' && attempt?.status === 'ongoing' && live;
    case 'waiting for retry':
      return call.status === 'scheduled' && call.waiting_for === 'retry';
    case 'paused':
      return call.status === 'paused';
  }
}

async function cancelBy(route: Route, handle: WorkflowHandle<typeof callOrder>): Promise<void> {
  switch (route) {
    case 'cancelUpdate': {
      const answer = await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'test' }] });
      expect(answer.status).toBe('cancelled');
      return;
    }
    case 'cancelSignal':
      return handle.signal(cancelSignal, { reason: 'test' });
    case 'workflow cancellation':
      await handle.cancel();
      return;
  }
}

describe('cancelling a call order (dev server, simulator at speed 10)', () => {
  let env: TestWorkflowEnvironment;
  let worker: RunningWorker;
  const stories = new Map<string, Promise<Story>>();
  const latencies: string[] = [];

  /** Given an order in `phase`, when it is cancelled by `route`, what happened. */
  async function cancelInPhase(phase: Phase, route: Route): Promise<Story> {
    const order = testOrder(requestFor(phase, Date.now()), { nowMs: Date.now() });
    const handle = await env.client.workflow.start(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    if (phase === 'paused') {
      await waitForCall(handle, (call) => call.status === 'scheduled', { what: 'scheduled' });
      await handle.executeUpdate(pauseUpdate);
    }
    const before = await waitForCall(handle, (call) => inPhase(phase, call, worker), { what: phase });
    if (phase === 'in conversation') await new Promise((resolve) => setTimeout(resolve, 1500));

    const cancelAtMs = Date.now();
    await cancelBy(route, handle);
    const result = await handle.result();

    const providerCallId = simProviderCallId(order.id, 1);
    const hangUp = worker.simulator.events().find((e) => e.type === 'hang_up' && e.providerCallId === providerCallId);
    const hangUpLatencyMs = hangUp ? hangUp.atMs - cancelAtMs : null;
    if (hangUpLatencyMs !== null) latencies.push(`${phase} by ${route}: hung up ${hangUpLatencyMs} ms after cancel`);
    return {
      result,
      closedAs: (await handle.describe()).status.name,
      attemptsBeforeCancel: before.calls_count,
      dialedAttempts: dialAttempts(await handle.fetchHistory()),
      providerCallId,
      hangUps: worker.simulator.hangUps(providerCallId),
      hangUpLatencyMs,
    };
  }

  beforeAll(async () => {
    env = await createDevServerEnv();
    worker = await startTestWorker(env, await bundle(), { scenarios, speed: SIM_SPEED });
    for (const phase of phases) {
      for (const route of routes) {
        const story = cancelInPhase(phase, route);
        story.catch(() => undefined); // Awaited (and reported) by its own test.
        stories.set(`${phase}/${route}`, story);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(stories.values());
    if (latencies.length > 0) process.stdout.write(`hang-up latencies:\n  ${latencies.join('\n  ')}\n`);
    await worker.stop();
    await env.teardown();
  }, 60_000);

  describe.each(phases)('given an order %s', (phase) => {
    it.each(routes)(
      'when it is cancelled by %s, then it completes as cancelled the same way',
      async (route) => {
        const story = await stories.get(`${phase}/${route}`)!;

        expect(story.closedAs).toBe('COMPLETED');
        expect(story.result.status).toBe('cancelled');
        expect(story.result.is_cancelled).toBe(true);
        expect(story.result.is_completed).toBe(false);
        // Every attempt it made was already under way when the cancel came: nothing is dialed after it.
        expect(story.dialedAttempts).toHaveLength(story.attemptsBeforeCancel);
        expect(story.result.calls_count).toBe(story.attemptsBeforeCancel);

        if (livePhases.has(phase)) {
          expect(story.result.calls_count).toBe(1);
          expect(story.result.last_call_attempt?.end_reason).toBe('cancelled');
          expect(story.hangUps).toBe(1);
          expect(story.hangUpLatencyMs).not.toBeNull();
          expect(story.hangUpLatencyMs!).toBeLessThan(15_000);
          if (phase === 'in conversation') {
            // The conversation was 1.5 s old: the turns said by then are kept, ending with no hang-up turn.
            const transcript = story.result.last_call_attempt?.transcript ?? [];
            expect(transcript.length).toBeGreaterThan(0);
            expect(transcript.some((turn) => turn.role === 'assistant')).toBe(true);
            expect(transcript.some((turn) => turn.tool_name === 'end_call')).toBe(false);
          }
        } else {
          expect(story.hangUps).toBe(0);
        }
      },
      90_000,
    );
  });

  describe('given an order that has reached a final status but is still delivering its webhook', () => {
    it('when the API cancels it, then the update is rejected as a conflict and the order keeps its status', async () => {
      const receiver = await startDownWebhookReceiver();
      try {
        const order = testOrder(
          {
            phone_number: NOT_ATTRIBUTED,
            force_now: true,
            assistant: { prompt: 'Say hello.', webhook_url: receiver.url },
          },
          { nowMs: Date.now() },
        );
        const handle = await env.client.workflow.start(callOrder, {
          workflowId: order.id,
          taskQueue: worker.taskQueue,
          args: [order],
        });
        await waitForCall(handle, (call) => call.status === 'errored', { what: 'errored' });

        await expectConflict(handle.executeUpdate(cancelUpdate, { args: [{}] }));
        const after = await waitForCall(handle, () => true);
        expect(after.status).toBe('errored');
        expect(after.is_cancelled).toBe(false);
        await handle.terminate('test over');
      } finally {
        await receiver.close();
      }
    });
  });

  describe('given an order that is closed (final status, webhook done)', () => {
    it('when the API cancels it, then Temporal refuses the update as WorkflowNotFoundError: the API must answer 409, not 404', async () => {
      const order = testOrder({ phone_number: NOT_ATTRIBUTED, force_now: true }, { nowMs: Date.now() });
      const handle = await env.client.workflow.start(callOrder, {
        workflowId: order.id,
        taskQueue: worker.taskQueue,
        args: [order],
      });
      expect((await handle.result()).status).toBe('errored');

      // No validator runs on a closed workflow: the server answers "already completed" as a not-found error.
      const rejection = await handle.executeUpdate(cancelUpdate, { args: [{}] }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(rejection).toBeInstanceOf(WorkflowNotFoundError);
      expect((rejection as WorkflowNotFoundError).message).toMatch(/already completed/);
    });
  });

  describe('given a cancel that arrives in the same breath as the start, before any worker ran the order', () => {
    it.each([
      ['a cancel signal after the start', 'signal'],
      ['signalWithStart carrying the cancel', 'signalWithStart'],
      ['a Temporal cancellation after the start', 'cancel'],
    ] as const)('when it is %s, then the order ends cancelled and never dials', async (_label, how) => {
      const taskQueue = uniqueTaskQueue('unpolled');
      const order = testOrder({ phone_number: ANSWERS, force_now: true }, { nowMs: Date.now() });
      const options = { workflowId: order.id, taskQueue, args: [order] as [typeof order] };
      let handle: WorkflowHandle<typeof callOrder>;
      if (how === 'signalWithStart') {
        handle = await env.client.workflow.signalWithStart(callOrder, {
          ...options,
          signal: cancelSignal,
          signalArgs: [{ reason: 'changed my mind' }],
        });
      } else {
        handle = await env.client.workflow.start(callOrder, options);
        await (how === 'signal' ? handle.signal(cancelSignal, {}) : handle.cancel());
      }

      const late = await startTestWorker(env, await bundle(), { scenarios, speed: SIM_SPEED, taskQueue });
      try {
        const result = await handle.result();

        expect(dialAttempts(await handle.fetchHistory())).toEqual([]);
        expect(late.simulator.events()).toEqual([]);
        expect(result.status).toBe('cancelled');
        expect(result.calls_count).toBe(0);
        expect((await handle.describe()).status.name).toBe('COMPLETED');
      } finally {
        await late.stop();
      }
    });
  });
});

let bundled: ReturnType<typeof bundleWorkflows> | undefined;
/** The workflow bundle, built once for this file. */
function bundle(): ReturnType<typeof bundleWorkflows> {
  bundled ??= bundleWorkflows();
  return bundled;
}
