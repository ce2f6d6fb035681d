import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../activities/webhook-signature';
import { callSchema } from '../../domain/contract/call';
import { callOrder } from '../../workflows';
import { cancelSignal } from '../../workflows/messages';
import { testOrder } from '../helpers/orders';
import { bundleWorkflows, createTimeSkippingEnv } from '../helpers/temporal';
import { type RunningWorker, startTestWorker } from '../helpers/worker';

const SECRET = 'whsec_test_secret';
const PHONE = '+12125550181';

interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver on 127.0.0.1 answering each delivery with the next status of `statuses` (then 200). */
async function receiver(statuses: number[]): Promise<{ url: string; deliveries: Delivery[]; close: () => void }> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = statuses[deliveries.length] ?? 200;
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/calls`, deliveries, close: () => server.close() };
}

describe('the final webhook, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    worker = await startTestWorker(env, bundle, {
      webhookSigningSecret: SECRET,
      scenarios: { numbers: { [PHONE]: { attempts: ['human'] } } },
    });
  }, 120_000);

  afterAll(async () => {
    await worker.stop();
    await env.teardown();
  });

  async function orderWith(webhookUrl: string, extra: object = {}) {
    return testOrder(
      { phone_number: PHONE, force_now: true, assistant: { prompt: 'Hello.', webhook_url: webhookUrl }, ...extra },
      { nowMs: await env.currentTimeMs() },
    );
  }

  it('given a receiver that fails twice then accepts, then exactly one delivery is accepted, with a stable event id and a valid signature', async () => {
    const hook = await receiver([500, 503]);
    const order = await orderWith(hook.url);

    const call = await env.client.workflow.execute(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    hook.close();

    expect(hook.deliveries.map((delivery) => delivery.answered)).toEqual([500, 503, 200]);
    const eventIds = new Set(hook.deliveries.map((delivery) => delivery.headers[WEBHOOK_HEADERS.eventId]));
    expect(eventIds).toEqual(new Set([`evt_${order.id}`]));
    const accepted = hook.deliveries[2]!;
    const payload = callSchema.parse((JSON.parse(accepted.body) as { call: unknown }).call);
    expect(payload).toMatchObject({ id: order.id, status: 'completed' });
    const signed = {
      timestamp: String(accepted.headers[WEBHOOK_HEADERS.timestamp]),
      signature: String(accepted.headers[WEBHOOK_HEADERS.signature]),
    };
    const at = Number(signed.timestamp);
    expect(verifyWebhook(SECRET, signed, accepted.body, at)).toBe(true);
    expect(verifyWebhook('whsec_wrong', signed, accepted.body, at)).toBe(false);
    expect(verifyWebhook(SECRET, signed, accepted.body.replace('completed', 'cancelled'), at)).toBe(false);
    expect(call.webhook_delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_status_code: 200,
      event_id: `evt_${order.id}`,
    });
  });

  it('given a receiver that answers 404, then delivery stops at once and the order shows it failed', async () => {
    const hook = await receiver([404]);
    const order = await orderWith(hook.url);

    const call = await env.client.workflow.execute(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    hook.close();

    expect(hook.deliveries).toHaveLength(1);
    expect(call.status).toBe('completed');
    expect(call.webhook_delivery).toMatchObject({ status: 'failed', last_status_code: 404 });
  });

  it('given an order cancelled while it sleeps, then the webhook fires once with the cancelled call', async () => {
    const hook = await receiver([]);
    const nowMs = await env.currentTimeMs();
    const order = await orderWith(hook.url, {
      force_now: false,
      scheduled_at: new Date(nowMs + 3 * 24 * 3600_000).toISOString(),
    });

    const handle = await env.client.workflow.start(callOrder, {
      workflowId: order.id,
      taskQueue: worker.taskQueue,
      args: [order],
    });
    await handle.signal(cancelSignal, { reason: 'test' });
    await handle.signal(cancelSignal, { reason: 'twice' });
    const call = await handle.result();
    hook.close();

    expect(call.status).toBe('cancelled');
    expect(hook.deliveries).toHaveLength(1);
    expect(callSchema.parse((JSON.parse(hook.deliveries[0]!.body) as { call: unknown }).call).status).toBe('cancelled');
  });
});
