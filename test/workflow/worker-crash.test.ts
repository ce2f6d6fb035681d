import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ScenarioFile } from '../../activities/providers/sim/scenario';
import { callOrder } from '../../workflows';
import { dialAttempts, startedActivities, waitForCall } from '../helpers/calls';
import { testOrder } from '../helpers/orders';
import { createDevServerEnv, uniqueTaskQueue } from '../helpers/temporal';

/*
 * ARCHITECTURE: any worker can continue any order after any other crashed. A real worker process (workers/main.ts)
 * is killed with SIGKILL in the middle of a conversation and of a dial, then a fresh one is started: the live call
 * is picked up again (converse's retry re-attaches to the same provider call), and no attempt is ever dialed twice.
 */

const SIM_SPEED = 5;
const TALKS = '+14155550401';
const RINGS = '+14155550402';
const projectRoot = path.resolve(__dirname, '../..');

const scenarios: ScenarioFile = {
  numbers: {
    // About 20 s of conversation at speed 5 (60 s of small talk on top of the opening).
    [TALKS]: { attempts: [{ outcome: 'human', ringSecs: 1, talkSecs: 60 }] },
    // 120 s of ringing at speed 5: 24 s during which the dial is live and unanswered.
    [RINGS]: { attempts: [{ outcome: 'human', ringSecs: 120 }] },
  },
};

describe('a worker process killed during an attempt (dev server, real worker processes)', () => {
  let env: TestWorkflowEnvironment;
  let scenarioFile: string;
  let workerLog: number;
  const taskQueue = uniqueTaskQueue('crash');
  const children: ChildProcess[] = [];

  /** Starts `workers/main.ts` as its own process group (tsx re-spawns node: the group is killed whole). */
  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'workers/main.ts'], {
      cwd: projectRoot,
      detached: true,
      stdio: ['ignore', workerLog, workerLog],
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TEMPORAL_TASK_QUEUE: taskQueue,
        SIM_SPEED: String(SIM_SPEED),
        SIM_SCENARIO_FILE: scenarioFile,
        LOG_LEVEL: 'warn',
      },
    });
    children.push(child);
    return child;
  }

  function kill(child: ChildProcess): void {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async function start(phoneNumber: string): Promise<WorkflowHandle<typeof callOrder>> {
    const order = testOrder({ phone_number: phoneNumber, force_now: true }, { nowMs: Date.now() });
    return env.client.workflow.start(callOrder, { workflowId: order.id, taskQueue, args: [order] });
  }

  beforeAll(async () => {
    env = await createDevServerEnv();
    scenarioFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crash-scenarios-')), 'scenarios.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(scenarios));
    const logFile = path.join(path.dirname(scenarioFile), 'workers.log');
    workerLog = fs.openSync(logFile, 'a');
    process.stdout.write(`worker processes log to ${logFile}\n`);
  }, 120_000);

  afterAll(async () => {
    children.forEach(kill);
    fs.closeSync(workerLog);
    await env.teardown();
  });

  it('given one order in conversation and one ringing, when the worker is SIGKILLed and another starts, then no attempt is dialed twice and both orders go on', async () => {
    const first = startWorkerProcess();
    const talking = await start(TALKS);
    const ringing = await start(RINGS);
    const options = { timeoutMs: 90_000, intervalMs: 200 };
    await waitForCall(talking, (call) => call.last_call_attempt?.status === 'ongoing', { ...options, what: 'ongoing' });
    await waitForCall(ringing, (call) => call.last_call_attempt?.status === 'ringing', { ...options, what: 'ringing' });
    // The ringing dial has heartbeated from the first worker: its activity is running there.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const killedAtMs = Date.now();
    kill(first);
    await new Promise((resolve) => first.once('exit', resolve));
    startWorkerProcess();

    // Then the conversation is picked up by the new worker and the order completes, dialed once.
    const talked = await talking.result();
    process.stdout.write(`conversation order completed ${Date.now() - killedAtMs} ms after the kill\n`);
    const talkHistory = await talking.fetchHistory();
    expect(talked.status).toBe('completed');
    expect(talked.calls_count).toBe(1);
    expect(talked.last_call_attempt?.result).toBe('human');
    expect(dialAttempts(talkHistory)).toEqual([1]);
    expect(startedActivities(talkHistory, 'dial').map((started) => started.attempt)).toEqual([1]);
    // The conversation activity ran again (its retry re-attached to the live call): the crash hit mid-call.
    expect(startedActivities(talkHistory, 'converse').map((started) => started.attempt)).toEqual([2]);
    expect((await talking.describe()).status.name).toBe('COMPLETED');

    // And the interrupted dial is not retried: the attempt ends as non_classified_error, a retry is planned.
    const waiting = await waitForCall(ringing, (call) => call.waiting_for === 'retry', { ...options, what: 'retry' });
    const ringHistory = await ringing.fetchHistory();
    expect(waiting.status).toBe('scheduled');
    expect(waiting.calls_count).toBe(1);
    expect(waiting.last_call_attempt?.status).toBe('error');
    expect(waiting.last_call_attempt?.dial_error).toBe('non_classified_error');
    expect(dialAttempts(ringHistory)).toEqual([1]);
    expect(startedActivities(ringHistory, 'dial').map((started) => started.attempt)).toEqual([1]);
    await ringing.terminate('test over');
  }, 180_000);
});
