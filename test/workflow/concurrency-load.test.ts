import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { slotHolder } from '../workflows-fixtures';
import type { SlotHolderRound } from '../workflows-fixtures/slot-holder';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { gateWorkflowId } from '../../workflows/messages';
import { bundleConcurrencyFixtures, createConcurrencyWorker, createTalk, gateState } from '../helpers/concurrency';
import { createDevServerEnv, uniqueTaskQueue } from '../helpers/temporal';

const ORG = 'org_load_test';
const LEASE_MS = 10 * 60_000;
/** Simulated calls run this many times faster than real time: a 30-180 s call takes 0.1-0.6 s. */
const SIM_SPEED = 300;

describe('concurrency gate under load (dev server, real time)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createDevServerEnv(), bundleConcurrencyFixtures()]);
  }, 120_000);

  afterAll(async () => {
    await env.teardown();
  });

  /** Starts `count` holders at once and waits for their rounds. */
  async function runOrders(taskQueue: string, key: string, count: number, max: number) {
    const handles = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        env.client.workflow.start(slotHolder, {
          workflowId: `${key}-order-${String(i).padStart(2, '0')}`,
          taskQueue,
          args: [{ organizationId: ORG, key, max, leaseMs: LEASE_MS, mode: 'call' }],
        }),
      ),
    );
    return (await Promise.all(handles.map((h) => h.result()))).map((r) => r[0]!);
  }

  /** From the gate's history as Temporal recorded it: order ids by request signal received, and by grant signal sent. */
  async function gateHistoryOrder(key: string) {
    const history = await env.client.workflow.getHandle(gateWorkflowId(ORG, key)).fetchHistory();
    const orderIdOf = (payload: unknown) =>
      defaultPayloadConverter.fromPayload<{ orderId: string }>(payload as Payload).orderId;
    const requested: string[] = [];
    const granted: string[] = [];
    for (const event of history.events ?? []) {
      const received = event.workflowExecutionSignaledEventAttributes;
      if (received?.signalName === 'slotRequest') requested.push(orderIdOf(received.input?.payloads?.[0]));
      const sent = event.signalExternalWorkflowExecutionInitiatedEventAttributes;
      if (sent?.signalName === 'slotGranted') granted.push(orderIdOf(sent.input?.payloads?.[0]));
    }
    return { requested, granted };
  }

  /** Latencies from the orders' own clocks: the wait, and the hand-off from the release that freed the slot. */
  function latencies(rounds: SlotHolderRound[], max: number) {
    const byGrant = [...rounds].sort((a, b) => a.grant.grantSeq - b.grant.grantSeq);
    const releases = rounds.map((r) => r.releasedAtMs).sort((a, b) => a - b);
    const handoffs = byGrant.slice(max).map((r, i) => r.grantedAtMs - releases[i]!);
    return {
      maxWaitMs: Math.max(...rounds.map((r) => r.grantedAtMs - r.requestedAtMs)),
      maxHandoffMs: Math.max(...handoffs),
      medianHandoffMs: [...handoffs].sort((a, b) => a - b)[Math.floor(handoffs.length / 2)]!,
    };
  }

  it('given 30 orders on one key with max 3, then never more than 3 calls are live at the provider, all finish, first come first served', async () => {
    const taskQueue = uniqueTaskQueue('load');
    const key = `thirty-${process.pid}`;
    const talk = await createTalk(SIM_SPEED);
    const worker = await createConcurrencyWorker({ env, bundle, taskQueue, talk });

    const [rounds, state, history] = await worker.runUntil(async () => {
      const results = await runOrders(taskQueue, key, 30, 3);
      return [results, await gateState(env.client, ORG, key), await gateHistoryOrder(key)] as const;
    });

    expect(rounds).toHaveLength(30);
    expect(talk.meter.calls).toHaveLength(30);
    expect(talk.meter.maxInProgress).toBe(3);
    expect(talk.meter.maxSimulatorLive).toBeLessThanOrEqual(3);
    // First come, first served, as Temporal recorded the gate's signals (not as the gate says) ...
    expect(history.requested).toHaveLength(30);
    expect(history.granted).toEqual(history.requested);
    expect([...rounds].sort((a, b) => a.grant.grantSeq - b.grant.grantSeq).map((r) => r.grant.orderId)).toEqual(
      history.requested,
    );
    // ... and the provider saw the calls start in that order, give or take the 3 that run side by side.
    const startOrder = [...talk.meter.calls].sort((a, b) => a.startMs - b.startMs).map((c) => c.callId);
    startOrder.forEach((callId, position) => {
      expect(Math.abs(history.requested.indexOf(callId) - position)).toBeLessThan(3);
    });
    expect(state).toMatchObject({ holders: [], queue: [], grantsTotal: 30, leasesExpiredTotal: 0 });

    const measured = latencies(rounds, 3);
    process.stdout.write(`30 orders, max 3: ${JSON.stringify({ ...measured, maxLive: talk.meter.maxInProgress })}\n`);
  }, 120_000);

  it('given two workers on the same task queue, then they share the limit', async () => {
    const taskQueue = uniqueTaskQueue('two-workers');
    const key = `two-workers-${process.pid}`;
    const talk = await createTalk(SIM_SPEED);
    const perWorker = [0, 0];
    const countedTalk = (w: 0 | 1) => ({
      ...talk,
      activities: {
        talk: async (input: Parameters<typeof talk.activities.talk>[0]) => {
          perWorker[w]! += 1;
          await talk.activities.talk(input);
        },
      },
    });
    const secondConnection = await NativeConnection.connect({ address: env.address });
    const workers = await Promise.all(
      ([0, 1] as const).map((w) =>
        createConcurrencyWorker({
          env,
          bundle,
          taskQueue,
          talk: countedTalk(w),
          identity: `worker-${w}`,
          ...(w === 1 ? { connection: secondConnection } : {}),
        }),
      ),
    );

    const rounds = await workers[0]!.runUntil(
      workers[1]!.runUntil(async () => {
        return runOrders(taskQueue, key, 20, 2);
      }),
    );

    await secondConnection.close();
    expect(rounds).toHaveLength(20);
    expect(talk.meter.maxInProgress).toBe(2);
    expect(talk.meter.maxSimulatorLive).toBeLessThanOrEqual(2);
    expect(perWorker[0]! + perWorker[1]!).toBe(20);
    process.stdout.write(`two workers: calls per worker ${JSON.stringify(perWorker)}\n`);
  }, 120_000);
});
