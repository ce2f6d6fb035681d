import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { MAX_ATTEMPTS, MAX_CALL_DURATION_SECS, MAX_PROMPT_CHARS } from '../../domain/contract/assistant';
import { callOrder } from '../../workflows';
import { getCallQuery } from '../../workflows/messages';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

const PHONE = '+12125550191';
/** Temporal's limits: a payload of 2 MB, and a history that starts warning at 10 k events. */
const PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
const HISTORY_WARNING_EVENTS = 10_000;

/** Bytes of every binary field (payload data, metadata) inside a history event. */
function payloadBytes(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, child) => sum + payloadBytes(child), 0);
}

describe('the worst allowed order against Temporal limits, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    const voicemails = Array.from({ length: MAX_ATTEMPTS - 1 }, () => 'voicemail' as const);
    worker = await startTestWorker(env, bundle, {
      scenarios: {
        numbers: { [PHONE]: { attempts: [...voicemails, { outcome: 'human', talkSecs: MAX_CALL_DURATION_SECS * 2 }] } },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await worker.stop();
    await env.teardown();
  });

  it('given the largest body, the most attempts, the longest call and a concurrency key, then history and payloads stay far below the limits', async () => {
    const structured = Array.from({ length: 20 }, (_, i) => ({
      name: `field_${i}`,
      type: 'string' as const,
      required: false,
    }));
    const order = testOrder(
      {
        phone_number: PHONE,
        concurrency: { key: 'bounds', max: 1 },
        metadata: { note: 'n'.repeat(380_000) },
        assistant: {
          prompt: 'p'.repeat(MAX_PROMPT_CHARS),
          voicemail_message: 'Please call us back.',
          max_call_duration_secs: MAX_CALL_DURATION_SECS,
          structured_output_config: structured,
          call_retry_config: { max_retry_attempts: MAX_ATTEMPTS },
        },
      },
      { nowMs: await env.currentTimeMs() },
    );

    const handle = await env.client.workflow.start(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    const call = await handle.result();
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const largestEventBytes = Math.max(...events.map(payloadBytes));
    const queriedBytes = JSON.stringify(await handle.query(getCallQuery)).length;
    const longest = Math.max(...call.call_attempts.map((attempt) => JSON.stringify(attempt.transcript).length));
    process.stdout.write(
      `bounds: ${events.length} events, largest event payload ${largestEventBytes} B, Call ${queriedBytes} B, ` +
        `longest transcript ${longest} B\n`,
    );

    expect(call.calls_count).toBe(MAX_ATTEMPTS);
    expect(call.last_call_attempt?.ended_by).toBe('system');
    expect(events.length).toBeLessThan(HISTORY_WARNING_EVENTS / 2);
    expect(largestEventBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
    expect(queriedBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
  }, 300_000);
});
