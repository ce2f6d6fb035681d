/*
 * Records the workflow histories that test/replay/replay.test.ts replays against the current workflow code.
 *
 *   npx tsx scripts/record-histories.ts [output folder, default test/histories]
 *
 * It starts an in-memory dev server (the provisioned Temporal CLI, see scripts/temporal-bin.ts) and a worker with the
 * simulator, runs one order per story below, stops each at the moment the story is about, and writes its history
 * as `<story>.json` in proto3 JSON (what `temporal workflow show --output json` prints; see
 * test/helpers/history-json.ts for why not @temporalio/common's historyToJSON).
 *
 *   sleeping-until-scheduled  scheduled a day ahead, sleeping on its timer
 *   waiting-for-retry         attempt #1 busy, sleeping until the retry instant
 *   cancelled-in-conversation cancelled by the API's update while the callee talks; the call hung up, order closed
 *   cancelled-before-dialing   a force_now order started with a cancel signal (signalWithStart): never dials, closed
 *
 * Re-recording: committed histories stand for orders already running in production, so they are never
 * overwritten to make a failing replay pass. When the workflow changes on purpose (behind `patched()`), record
 * into another folder and commit the new files next to the old ones under new names; the old ones must still
 * replay. The recordings carry the current time and random run ids, so two recordings never match byte for byte.
 * `cancelled-before-dialing-pre-patch.json` was recorded this way with workflows/call-order.ts of commit 3ef18a1
 * (before `patched('no-attempt-once-cancelled')`): it guards the unpatched path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createProviders } from '../activities/providers';
import type { ScenarioFile } from '../activities/providers/sim/scenario';
import { loadTimezoneTable } from '../config/timezone-table';
import type { Call } from '../domain/contract/call';
import type { PlaceCallRequest } from '../domain/contract/place-call';
import { normalizeOrder } from '../domain/normalize-order';
import { createWorker } from '../workers/create-worker';
import { callOrder } from '../workflows';
import { cancelSignal, cancelUpdate, getCallQuery } from '../workflows/messages';
import { allSearchAttributeKeys } from '../workflows/search-attributes';
import { historyToJson } from '../test/helpers/history-json';
import { ensureTemporalBinaries, projectRoot } from './temporal-bin';

const DAY_MS = 24 * 3600 * 1000;
const BUSY = '+14155550501';
const TALKS_LONG = '+14155550502';

const scenarios: ScenarioFile = {
  numbers: {
    [BUSY]: { attempts: [{ outcome: 'busy' }] },
    // An hour of small talk at speed 10: six minutes, long enough to cancel in the middle.
    [TALKS_LONG]: { attempts: [{ outcome: 'human', ringSecs: 1, talkSecs: 3600 }] },
  },
};

const logger = pino({ level: 'warn' });
const timezoneTable = loadTimezoneTable();

async function waitFor(handle: WorkflowHandle, reached: (call: Call) => boolean, what: string): Promise<void> {
  const deadlineMs = Date.now() + 60_000;
  while (Date.now() < deadlineMs) {
    const call = await handle.query(getCallQuery).catch(() => null);
    if (call && reached(call)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${handle.workflowId} never reached ${what}`);
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(projectRoot, 'test', 'histories'));
  fs.mkdirSync(outDir, { recursive: true });
  const scenarioFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'record-histories-')), 'scenarios.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(scenarios));

  const { cli } = ensureTemporalBinaries();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ...(cli ? { executable: { type: 'existing-path' as const, path: cli.path } } : {}),
      searchAttributes: allSearchAttributeKeys,
      log: { format: 'pretty', level: 'error' },
    },
  });
  const taskQueue = `record-histories-${process.pid}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    providers: await createProviders({ sim: { speed: 10, scenarioFile } }),
    logger,
  });

  const start = (id: string, request: Partial<PlaceCallRequest>): Promise<WorkflowHandle<typeof callOrder>> => {
    const body: PlaceCallRequest = { phone_number: '+14155550123', assistant: { prompt: 'Say hello.' }, ...request };
    const order = normalizeOrder(body, { id, organizationId: 'org_history', nowMs: Date.now(), timezoneTable });
    return env.client.workflow.start(callOrder, { workflowId: id, taskQueue, args: [order] });
  };
  const startWithCancel = (
    id: string,
    request: Partial<PlaceCallRequest>,
  ): Promise<WorkflowHandle<typeof callOrder>> => {
    const body: PlaceCallRequest = { phone_number: '+14155550123', assistant: { prompt: 'Say hello.' }, ...request };
    const order = normalizeOrder(body, { id, organizationId: 'org_history', nowMs: Date.now(), timezoneTable });
    return env.client.workflow.signalWithStart(callOrder, {
      workflowId: id,
      taskQueue,
      args: [order],
      signal: cancelSignal,
      signalArgs: [{ reason: 'recording a history' }],
    });
  };
  const save = async (story: string, handle: WorkflowHandle): Promise<void> => {
    const file = path.join(outDir, `${story}.json`);
    fs.writeFileSync(file, `${historyToJson(await handle.fetchHistory())}\n`);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  };

  try {
    await worker.runUntil(async () => {
      const sleeping = await start('call_history_sleeping', {
        scheduled_at: new Date(Date.now() + DAY_MS).toISOString(),
      });
      await waitFor(sleeping, (call) => call.status === 'scheduled', 'scheduled');
      await save('sleeping-until-scheduled', sleeping);
      await sleeping.terminate('recorded');

      const retrying = await start('call_history_retry', { phone_number: BUSY, force_now: true });
      await waitFor(retrying, (call) => call.waiting_for === 'retry', 'waiting for retry');
      await save('waiting-for-retry', retrying);
      await retrying.terminate('recorded');

      const cancelled = await start('call_history_cancelled', { phone_number: TALKS_LONG, force_now: true });
      await waitFor(cancelled, (call) => call.last_call_attempt?.status === 'ongoing', 'in conversation');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await cancelled.executeUpdate(cancelUpdate, { args: [{ reason: 'recording a history' }] });
      await cancelled.result();
      await save('cancelled-in-conversation', cancelled);

      const cancelledAtStart = await startWithCancel('call_history_cancelled_at_start', {
        phone_number: TALKS_LONG,
        force_now: true,
      });
      await cancelledAtStart.result();
      await save('cancelled-before-dialing', cancelledAtStart);
    });
  } finally {
    await env.teardown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`record-histories failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
