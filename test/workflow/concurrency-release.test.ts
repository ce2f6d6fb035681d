import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { gateWorkflowId, slotRequestSignal } from '../../workflows/messages';
import type { concurrencyGate } from '../../workflows/concurrency-gate';
import { slotHolder, slotHolderStatusQuery } from '../workflows-fixtures';
import type { SlotHolderInput } from '../workflows-fixtures/slot-holder';
import {
  bundleConcurrencyFixtures,
  createConcurrencyWorker,
  createTalk,
  gateState,
  waitUntil,
} from '../helpers/concurrency';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../helpers/temporal';

const ORG = 'org_gate_test';
const LEASE_MS = 10 * 60_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

describe('concurrency gate: a slot is released on every path (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: Worker;
  let running: Promise<void>;
  let taskQueue: string;
  let keyCounter = 0;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleConcurrencyFixtures()]);
    taskQueue = uniqueTaskQueue('gate');
    worker = await createConcurrencyWorker({
      env,
      bundle,
      taskQueue,
      talk: await createTalk(0),
      gate: { limits: { defaultMax: 1, organizations: { org_limits: { defaultMax: 2, keys: { tight: 1 } } } } },
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const newKey = (): string => `key-${process.pid}-${++keyCounter}`;

  async function startHolder(id: string, input: Partial<SlotHolderInput> & { key: string }) {
    return env.client.workflow.start(slotHolder, {
      workflowId: `${id}-${keyCounter}-${Date.now()}`,
      taskQueue,
      args: [{ organizationId: ORG, max: 1, leaseMs: LEASE_MS, mode: 'none', ...input }],
    });
  }

  const phaseOf = (handle: WorkflowHandle<typeof slotHolder>) => async () =>
    (await handle.query(slotHolderStatusQuery)).phase;
  const holding = (handle: WorkflowHandle<typeof slotHolder>) => waitUntil(phaseOf(handle), (p) => p === 'holding');
  const queued = async (key: string, count: number) =>
    waitUntil(
      () => gateState(env.client, ORG, key),
      (s) => s.queue.length === count,
    );

  /** Given A holds the key's only slot and B waits, when `endA` ends A's hold, then B gets the slot well within the lease. */
  async function expectHandoff(
    aInput: Partial<SlotHolderInput>,
    endA: (a: WorkflowHandle<typeof slotHolder>) => Promise<void>,
  ): Promise<void> {
    const key = newKey();
    const a = await startHolder('a', { key, holdMs: DAY_MS, ...aInput });
    await holding(a);
    const b = await startHolder('b', { key });
    await queued(key, 1);

    await endA(a);
    const [round] = await b.result();

    expect(round!.grantedAtMs - round!.requestedAtMs).toBeLessThan(LEASE_MS / 2);
    const state = await gateState(env.client, ORG, key);
    expect(state.holders).toEqual([]);
    expect(state.leasesExpiredTotal).toBe(0);
  }
  it('given A holds and B waits, when A ends normally, then B gets the slot', async () => {
    await expectHandoff({ holdMs: 60_000, mode: 'call' }, async (a) => {
      const rounds = await a.result();
      expect(rounds).toHaveLength(1);
    });
  });

  it('given A holds and B waits, when A’s activity fails, then A fails and B gets the slot', async () => {
    await expectHandoff({ mode: 'fail', holdMs: 60_000 }, async (a) => {
      await expect(a.result()).rejects.toThrow();
    });
  });

  it('given A holds and B waits, when A’s activity times out, then A fails and B gets the slot', async () => {
    await expectHandoff({ mode: 'hang', holdMs: 60_000 }, async (a) => {
      await expect(a.result()).rejects.toThrow();
    });
  });

  it('given A holds (for a day) and B waits, when A is cancelled, then B gets the slot at once', async () => {
    await expectHandoff({}, async (a) => {
      await a.cancel();
      await expect(a.result()).rejects.toThrow();
    });
  });

  it('given A holds (for a day) and B waits, when A is terminated, then the lease reclaims the slot for B', async () => {
    const key = newKey();
    const a = await startHolder('a', { key, holdMs: DAY_MS });
    await holding(a);
    const aGrantedAtMs = (await gateState(env.client, ORG, key)).holders[0]!.grantedAtMs;
    const b = await startHolder('b', { key });
    await queued(key, 1);

    await a.terminate('operator');
    const [round] = await b.result();

    expect(round!.grantedAtMs).toBeGreaterThanOrEqual(aGrantedAtMs + LEASE_MS);
    expect(round!.grantedAtMs).toBeLessThan(aGrantedAtMs + LEASE_MS + 60_000);
    expect((await gateState(env.client, ORG, key)).leasesExpiredTotal).toBe(1);
  });

  it('given A holds, B and C wait, when B is cancelled while waiting, then C gets the slot after A and B never does', async () => {
    const key = newKey();
    const a = await startHolder('a', { key, holdMs: HOUR_MS, leaseMs: 2 * HOUR_MS });
    await holding(a);
    const b = await startHolder('b', { key });
    await queued(key, 1);
    const c = await startHolder('c', { key });
    await queued(key, 2);

    await b.cancel();
    await expect(b.result()).rejects.toThrow();
    expect((await gateState(env.client, ORG, key)).queue.map((w) => w.orderId)).toEqual([c.workflowId]);
    const [cRound] = await c.result();
    const [aRound] = await a.result();

    expect(cRound!.grantedAtMs).toBeGreaterThanOrEqual(aRound!.releasedAtMs);
    const state = await gateState(env.client, ORG, key);
    expect(state.grantsTotal).toBe(2);
    expect(state.requestsTotal).toBe(3);
  });

  it('given a request signalled twice for an order that does not exist, then the gate queues it once and takes the undeliverable grant back', async () => {
    const key = newKey();
    const request = { orderId: 'ghost-order', requestId: '1.1', attempt: 1, max: 1, leaseMs: LEASE_MS };
    const input = { organizationId: ORG, key, max: 1 };
    for (let i = 0; i < 2; i += 1) {
      await env.client.workflow.signalWithStart<typeof concurrencyGate, [typeof request]>('concurrencyGate', {
        workflowId: gateWorkflowId(ORG, key),
        taskQueue,
        args: [input],
        signal: slotRequestSignal,
        signalArgs: [request],
      });
    }

    const state = await waitUntil(
      () => gateState(env.client, ORG, key),
      (s) => s.grantsTotal === 1 && s.holders.length === 0,
    );
    expect(state.requestsTotal).toBe(1);
    const b = await startHolder('b', { key });
    expect(await b.result()).toHaveLength(1);
  });

  it('given max omitted, the configured limit applies; given orders that disagree, the newest max applies', async () => {
    const org = 'org_limits';
    const start = (key: string, max: number | null) =>
      env.client.workflow.start(slotHolder, {
        workflowId: `limits-${key}-${max}-${Date.now()}`,
        taskQueue,
        args: [{ organizationId: org, key, max, leaseMs: LEASE_MS, mode: 'none', holdMs: HOUR_MS }],
      });
    const key = newKey();
    const handles = [await start(key, null), await start(key, null), await start(key, null)];
    let state = await waitUntil(
      () => gateState(env.client, org, key),
      (s) => s.requestsTotal === 3,
    );
    expect(state.max).toBe(2);
    expect(state.holders).toHaveLength(2);

    handles.push(await start(key, 3));
    state = await waitUntil(
      () => gateState(env.client, org, key),
      (s) => s.requestsTotal === 4 && s.holders.length === 3,
    );
    expect(state.max).toBe(3);
    expect(state.queue).toHaveLength(1);

    const tight = await start('tight', null);
    expect(
      (
        await waitUntil(
          () => gateState(env.client, org, 'tight'),
          (s) => s.requestsTotal === 1,
        )
      ).max,
    ).toBe(1);
    for (const handle of [...handles, tight]) await handle.cancel();
  });

  it('given a gate that continues as new after every grant, then a holder’s lease carries over unchanged and still reclaims the slot', async () => {
    const canQueue = uniqueTaskQueue('gate-can');
    const canWorker = await createConcurrencyWorker({
      env,
      bundle,
      taskQueue: canQueue,
      talk: await createTalk(0),
      gate: { gate: { grantsPerRun: 1, idleTimeoutMs: 60_000 } },
    });
    const key = newKey();
    const start = (id: string, holdMs: number) =>
      env.client.workflow.start(slotHolder, {
        workflowId: `${id}-${key}`,
        taskQueue: canQueue,
        args: [{ organizationId: ORG, key, max: 1, leaseMs: LEASE_MS, mode: 'none', holdMs }],
      });

    await canWorker.runUntil(async () => {
      const a = await start('a', DAY_MS);
      await holding(a);
      const b = await start('b', 0);
      const carried = await waitUntil(
        () => gateState(env.client, ORG, key),
        (s) => s.queue.length === 1,
      );
      const history = await env.client.workflow.getHandle(gateWorkflowId(ORG, key)).fetchHistory();
      expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
      const aLease = carried.holders[0]!;

      await a.terminate('operator');
      const [round] = await b.result();

      expect(round!.grantedAtMs).toBeGreaterThanOrEqual(aLease.leaseExpiresAtMs);
      expect(round!.grantedAtMs).toBeLessThan(aLease.grantedAtMs + LEASE_MS + 60_000);
      // Leave nothing behind on this task queue: its worker stops after this test.
      await env.client.workflow.getHandle(gateWorkflowId(ORG, key)).result();
    });
  });

  it('given a gate with nobody holding or waiting, when it stays idle, then it completes; a new request starts it again', async () => {
    const key = newKey();
    const a = await startHolder('a', { key });
    await a.result();
    const gate = env.client.workflow.getHandle<typeof concurrencyGate>(gateWorkflowId(ORG, key));
    const firstRunId = (await gate.describe()).runId;

    expect(await gate.result()).toMatchObject({ grantsTotal: 1, requestsTotal: 1 });

    const b = await startHolder('b', { key });
    expect(await b.result()).toHaveLength(1);
    expect((await env.client.workflow.getHandle(gateWorkflowId(ORG, key)).describe()).runId).not.toBe(firstRunId);
  });
});
