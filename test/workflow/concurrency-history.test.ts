import { setTimeout as delay } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_GRANTS_PER_RUN } from '../../workflows/concurrency-gate';
import { gateWorkflowId } from '../../workflows/messages';
import { slotHolder } from '../workflows-fixtures';
import {
  bundleConcurrencyFixtures,
  createConcurrencyWorker,
  createTalk,
  gateState,
  waitUntil,
} from '../helpers/concurrency';
import { createDevServerEnv, uniqueTaskQueue } from '../helpers/temporal';

const ORG = 'org_history_test';
const GRANTS = Number(process.env.GATE_TEST_GRANTS ?? 5000);
const HOLDERS = 50;
const MAX = 25;

describe('concurrency gate history stays bounded (dev server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createDevServerEnv(), bundleConcurrencyFixtures()]);
  }, 120_000);

  afterAll(async () => {
    await env.teardown();
  });

  it(`given ${GRANTS} grants on one key, then the gate has continued as new, its history is bounded and it still serves`, async () => {
    const taskQueue = uniqueTaskQueue('history');
    const key = `many-${process.pid}`;
    const worker = await createConcurrencyWorker({ env, bundle, taskQueue, talk: await createTalk(0) });
    const gate = env.client.workflow.getHandle(gateWorkflowId(ORG, key));
    const holder = (name: string, repeat: number) =>
      env.client.workflow.start(slotHolder, {
        workflowId: `${key}-${name}`,
        taskQueue,
        args: [{ organizationId: ORG, key, max: MAX, leaseMs: 600_000, mode: 'none', repeat }],
      });

    const startedAtMs = Date.now();
    const { firstRunId, lastRun, state, extra, maxHistoryLength } = await worker.runUntil(async () => {
      const handles = await Promise.all(Array.from({ length: HOLDERS }, (_, i) => holder(`h${i}`, GRANTS / HOLDERS)));
      const first = await waitUntil(
        () => gate.describe(),
        () => true,
      );
      let maxHistoryLength = 0;
      const sampler = { done: false };
      const runIds = new Set<string>();
      const sampling = (async () => {
        while (!sampler.done) {
          const run = await gate.describe();
          maxHistoryLength = Math.max(maxHistoryLength, run.historyLength);
          runIds.add(run.runId);
          await delay(200);
        }
      })();
      const rounds = await Promise.all(handles.map((h) => h.result()));
      sampler.done = true;
      await sampling;
      expect(rounds.flat()).toHaveLength(GRANTS);
      const elapsedMs = Date.now() - startedAtMs;
      const served = await gateState(env.client, ORG, key);
      const last = await gate.describe();
      const one = await (await holder('after', 1)).result();
      process.stdout.write(
        `${GRANTS} grants (${HOLDERS} holders, max ${MAX}) in ${elapsedMs} ms: ` +
          `${Math.round((GRANTS * 1000) / elapsedMs)} grants/s; ` +
          `${runIds.size} gate runs seen, longest history seen ${maxHistoryLength} events\n`,
      );
      return { firstRunId: first.runId, lastRun: last, state: served, extra: one, maxHistoryLength };
    });

    expect(state).toMatchObject({ grantsTotal: GRANTS, requestsTotal: GRANTS, holders: [], queue: [] });
    expect(lastRun.runId).not.toBe(firstRunId);
    expect(maxHistoryLength).toBeLessThan(DEFAULT_GRANTS_PER_RUN * 20);
    expect(extra).toHaveLength(1);
    expect(extra[0]!.grant.grantSeq).toBe(GRANTS + 1);
  }, 600_000);
});
