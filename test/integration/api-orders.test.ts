import { type ApiStack, startApiStack } from '../helpers/api-stack';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request, { type Response } from 'supertest';
import { type Call, callSchema } from '../../domain/contract/call';
import {
  callActionResponseSchema,
  callResponseSchema,
  exportCallsResponseSchema,
  phoneHistoryResponseSchema,
  previewResponseSchema,
  searchCallsResponseSchema,
} from '../../domain/contract/responses';
import * as sa from '../../workflows/search-attributes';

const KEYS = { org_a: 'key_a', org_b: 'key_b', org_search: 'key_search', org_ops: 'key_ops' } as const;
type Org = keyof typeof KEYS;

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the call order API against a real dev server and worker', () => {
  let env: TestWorkflowEnvironment;
  let stack: ApiStack;
  let app: Express;
  let ajv: Ajv2020;

  beforeAll(async () => {
    stack = await startApiStack({ apiKeys: new Map(Object.entries(KEYS).map(([org, key]) => [key, org])) });
    env = stack.env;
    app = stack.app;
    const document = (await request(app).get('/openapi.json').expect(200)).body as object;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'api');
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  });

  /** Checks a response against the OpenAPI document's schema of that route and status. */
  function conforms(response: Response, method: 'get' | 'post' | 'patch' | 'delete', route: string): Response {
    const segment = (s: string): string => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
    const pointer = ['paths', route, method, 'responses', String(response.status), 'content', 'application/json']
      .map(segment)
      .join('/');
    const validate = ajv.getSchema(`api#/${pointer}/schema`);
    if (!validate) throw new Error(`the document has no schema for ${method} ${route} ${response.status}`);
    if (!validate(response.body)) throw new Error(JSON.stringify(validate.errors, null, 2));
    return response;
  }

  const as = (org: Org) => ({
    post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${KEYS[org]}`),
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${KEYS[org]}`),
  });

  const sleeping = (phone = '+12125550103', extra: object = {}): object => ({
    phone_number: phone,
    assistant: { prompt: 'Say hello.' },
    scheduled_at: inDays(30),
    ...extra,
  });

  async function place(org: Org, body: object): Promise<Call> {
    const response = conforms(await as(org).post('/call').send(body), 'post', '/call');
    expect(response.status).toBe(201);
    return callResponseSchema.parse(response.body).call;
  }

  async function read(org: Org, id: string): Promise<Call> {
    const response = conforms(await as(org).get(`/call/${id}`).expect(200), 'get', '/call/{id}');
    return callResponseSchema.parse(response.body).call;
  }

  const until = (org: Org, id: string, done: (call: Call) => boolean): Promise<Call> =>
    eventually(() => read(org, id), done);

  it('given every field of the contract, when POSTed, then GET shows each of them', async () => {
    const scheduledAt = inDays(20);
    const assistant = {
      name: 'Front desk',
      prompt: 'Confirm {{ day }} with {{name}}.',
      background_sound: 'audio/office.ogg',
      calendly: { connection_id: 'conn_1', event_type_id: 'evt_1' },
      call_retry_config: {
        calling_windows: [
          { calling_window_start_time: '9am', calling_window_end_time: '17:30', retry_delay_seconds: 3600 },
        ],
        max_retry_attempts: 4,
        timezone: 'America/New_York',
        allowed_days: ['monday', 'tuesday', 'wednesday'],
        call_twice_in_a_row: true,
        skip_calling_window: false,
      },
      end_of_call_sentence: 'Goodbye {{name}}.',
      faq_items: [{ question: 'Who are you?', answer: 'The front desk.' }],
      first_sentence: 'Hi {{name}}!',
      first_sentence_delay_ms: 250,
      first_sentence_mode: 'static',
      ivr_navigation_enabled: true,
      llm_model: { type: 'openrouter', openrouter_model_id: 'openai/gpt-4.1', openrouter_provider: 'openai' },
      max_call_duration_secs: 300,
      structured_output_config: [
        { name: 'email', required: true, type: 'string', description: 'their email' },
        { name: 'plan', required: false, type: 'enum', enum_options: ['basic', 'premium'] },
      ],
      voice: { id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs', speed: 1.1 },
      voicemail_message: 'Please call us back, {{name}}.',
      webhook_url: 'http://127.0.0.1:9/hook',
    };
    const body = {
      phone_number: '+1 (212) 555-0103',
      assistant,
      concurrency: { key: 'team-a', max: 2 },
      force_now: false,
      from_phone_number: '+1 415 555 0100',
      metadata: { crm_id: '42', note: 'VIP' },
      prompt_variables: { name: 'Dana', day: 'Friday' },
      scheduled_at: scheduledAt,
      a_field_from_a_newer_client: true,
    };

    const created = await place('org_a', body);
    const call = await until('org_a', created.id, (c) => c.status === 'scheduled');

    expect(call).toMatchObject({
      id: created.id,
      organization_id: 'org_a',
      status: 'scheduled',
      is_completed: false,
      is_cancelled: false,
      direction: 'outbound',
      to_phone_number: '+12125550103',
      from_phone_number: '+14155550100',
      call_retry_config: assistant.call_retry_config,
      llm_model: assistant.llm_model,
      first_sentence_delay_ms: 250,
      metadata: body.metadata,
      campaign: null,
      scheduled_at: scheduledAt,
      calls_count: 0,
      call_attempts: [],
      last_call_attempt: null,
      timezones: ['America/New_York'],
    });
    const { transfer_phone_number: _unused, ...assistantFields } = { ...assistant, transfer_phone_number: null };
    expect(call.assistant).toMatchObject({ ...assistantFields, organization_id: 'org_a' });
    expect(call).not.toHaveProperty('a_field_from_a_newer_client');
    for (const instant of [call.created_at, call.updated_at, call.scheduled_at]) expect(instant).toMatch(/Z$/);

    const description = await env.client.workflow.getHandle(call.id).describe();
    expect(description.typedSearchAttributes.get(sa.CallConcurrencyKey)).toBe('team-a');
    expect(description.typedSearchAttributes.get(sa.CallFromPhoneNumber)).toBe('+14155550100');
    expect(description.typedSearchAttributes.get(sa.CallSearchTerms)).toEqual(
      expect.arrayContaining(['42', 'vip', 'dana', 'friday']),
    );
    conforms(await as('org_a').post(`/call/${call.id}/cancel`).expect(200), 'post', '/call/{id}/cancel');
  });

  it('given an order that runs, when it is done, then GET shows it completed with its attempt', async () => {
    const created = await place('org_a', {
      phone_number: '+12125550101',
      assistant: { prompt: 'Hi.' },
      force_now: true,
    });
    const call = await until('org_a', created.id, (c) => c.status === 'completed');
    expect(callSchema.parse(call).last_call_attempt?.result).toBe('human');
    expect(call.calls_count).toBeGreaterThanOrEqual(1);

    const cancel = conforms(await as('org_a').post(`/call/${call.id}/cancel`), 'post', '/call/{id}/cancel');
    expect(cancel.status).toBe(409);
    await as('org_a').post(`/call/${call.id}/pause`).expect(409);
  });

  it('given a webhook receiver that keeps answering 503, then GET shows the delivery tries so far and the last status', async () => {
    let hits = 0;
    const receiver = createServer((_req, res) => {
      hits += 1;
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const order = await place('org_a', {
        phone_number: '+12125550101',
        assistant: { prompt: 'Hi.', webhook_url: `http://127.0.0.1:${port}/hook` },
        force_now: true,
      });
      const retrying = await until('org_a', order.id, (c) => c.webhook_delivery.attempts >= 1);
      expect(retrying.status).toBe('completed');
      expect(retrying.webhook_delivery).toMatchObject({ status: 'pending', last_status_code: 503 });
      expect(retrying.webhook_delivery.last_error).toMatch(/503/);
      expect(hits).toBeGreaterThanOrEqual(retrying.webhook_delivery.attempts);
      await env.client.workflow.getHandle(order.id).terminate('test done');
    } finally {
      receiver.close();
    }
  });

  it('given an Idempotency-Key, when the same body is sent twice at once, then one order and one workflow', async () => {
    const body = sleeping('+12125550103', { metadata: { a: '1', b: '2' } });
    const send = (payload: object) => as('org_a').post('/call').set('Idempotency-Key', 'order-77').send(payload);
    const [first, second] = await Promise.all([send(body), send(body)]);

    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const id = callResponseSchema.parse(first.body).call.id;
    expect(callResponseSchema.parse(second.body).call.id).toBe(id);

    const reordered = { metadata: { b: '2', a: '1' }, ...body };
    const replay = conforms(await send(reordered).expect(200), 'post', '/call');
    expect(replay.body.call.id).toBe(id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const reformatted = { ...body, phone_number: '+1 (212) 555-0103' };
    expect((await send(reformatted).expect(200)).body.call.id).toBe(id);

    const runs = await eventually(
      async () => (await env.client.workflow.count(`WorkflowId = '${id}'`)).count,
      (n) => n > 0,
    );
    expect(runs).toBe(1);

    const different = await send(sleeping('+12125550102')).expect(409);
    expect(different.body.error.code).toBe('idempotency_conflict');

    const otherOrg = await as('org_b').post('/call').set('Idempotency-Key', 'order-77').send(body).expect(201);
    expect(otherOrg.body.call.id).not.toBe(id);
  });

  it("given org B's order, then org A can neither read, act on nor find it", async () => {
    const theirs = await place('org_b', sleeping());
    await as('org_a').get(`/call/${theirs.id}`).expect(404);
    for (const action of ['cancel', 'pause', 'resume']) {
      const response = conforms(await as('org_a').post(`/call/${theirs.id}/${action}`), 'post', `/call/{id}/${action}`);
      expect(response.status).toBe(404);
    }
    const search = await as('org_a')
      .post('/call/search')
      .send({ call_ids: [theirs.id] })
      .expect(200);
    expect(search.body).toEqual({ calls: [], total_count: 0 });
    const history = await as('org_a').get('/calls/phone-history').expect(200);
    expect(JSON.stringify(history.body)).not.toContain(theirs.id);
    expect((await read('org_b', theirs.id)).id).toBe(theirs.id);
  });

  it('given a sleeping order, when paused, resumed and cancelled, then each answers as routes.md says', async () => {
    const order = await place('org_a', sleeping());
    await until('org_a', order.id, (c) => c.status === 'scheduled');

    const paused = conforms(await as('org_a').post(`/call/${order.id}/pause`).expect(200), 'post', '/call/{id}/pause');
    expect(callActionResponseSchema.parse(paused.body).success).toBe(true);
    const resumed = conforms(await as('org_a').post(`/call/${order.id}/resume`), 'post', '/call/{id}/resume');
    expect(resumed.status).toBe(200);
    const again = conforms(await as('org_a').post(`/call/${order.id}/resume`), 'post', '/call/{id}/resume');
    expect(again.status).toBe(409);

    const cancelled = await as('org_a').post(`/call/${order.id}/cancel`).expect(200);
    expect(callActionResponseSchema.parse(cancelled.body).call.id).toBe(order.id);
    const final = await until('org_a', order.id, (c) => c.status === 'cancelled');
    expect(final.is_cancelled).toBe(true);
    expect(final.calls_count).toBe(0);

    await as('org_a').post(`/call/${order.id}/cancel`).expect(409);
    await as('org_a').post(`/call/${order.id}/pause`).expect(409);
    await as('org_a').post('/call/call_unknown/cancel').expect(404);
  });

  it('given a sleeping order terminated by an operator, then search finds it cancelled, as GET shows it', async () => {
    const order = await place(
      'org_ops',
      sleeping('+12125550103', { assistant: { prompt: 'Hi.', webhook_url: 'http://127.0.0.1:9/hook' } }),
    );
    expect(order.webhook_delivery.status).toBe('waiting');
    await env.client.workflow.getHandle(order.id).terminate('operator');
    const terminated = await read('org_ops', order.id);
    expect(terminated.status).toBe('cancelled');
    expect(terminated.webhook_delivery).toMatchObject({
      status: 'failed',
      last_error: expect.stringMatching(/terminated/),
    });
    const ids = async (statuses: string[]) => {
      const response = await as('org_ops').post('/call/search').send({ statuses }).expect(200);
      return searchCallsResponseSchema.parse(response.body).calls.map((c) => [c.id, c.status]);
    };
    expect(
      await eventually(
        () => ids(['cancelled']),
        (found) => found.length === 1,
      ),
    ).toEqual([[order.id, 'cancelled']]);
    expect(await ids(['scheduled'])).toEqual([]);
    expect(await ids(['scheduled', 'errored'])).toEqual([]);
  });

  describe('search, export and phone history', () => {
    const orders: Call[] = [];
    const search = async (body: object) => {
      const response = conforms(
        await as('org_search').post('/call/search').send(body).expect(200),
        'post',
        '/call/search',
      );
      return searchCallsResponseSchema.parse(response.body);
    };

    beforeAll(async () => {
      const bodies = [
        sleeping('+12125550103', { metadata: { note: '=SUM(A1)', city: 'Boston' } }),
        sleeping('+12125550102', { metadata: { note: 'He said "hi", then left' } }),
        sleeping('+14155550123', { prompt_variables: { name: 'Dana' }, assistant: { prompt: 'Hi {{name}}' } }),
        sleeping('+14155550124', { from_phone_number: '+13125550100' }),
        { phone_number: '+12125550101', assistant: { prompt: 'Hi.' }, force_now: true },
      ];
      for (const body of bodies) orders.push(await place('org_search', body));
      await until('org_search', orders[4]?.id ?? '', (c) => c.status === 'completed');
      await eventually(
        () => search({}),
        (page) => page.total_count === bodies.length && page.calls.filter((c) => c.status === 'scheduled').length >= 4,
      );
    });

    it('given five orders, when paged by two, then three pages of 2, 2, 1 covering each order once', async () => {
      for (const sort_direction of ['desc', 'asc']) {
        const pages = [1, 2, 3, 4].map((page) => search({ page_size: 2, page, sort_direction }));
        const [first, second, third, fourth] = await Promise.all(pages);
        const found = [first, second, third].map((p) => p?.calls.map((c) => c.id) ?? []);
        expect(found.map((ids) => ids.length)).toEqual([2, 2, 1]);
        expect([first, second, third].every((p) => p?.total_count === 5)).toBe(true);
        expect(found.flat().sort()).toEqual(orders.map((o) => o.id).sort());
        expect(fourth?.calls).toEqual([]);
        for (const ids of found) {
          const created = ids.map((id) => orders.find((o) => o.id === id)?.created_at ?? '');
          const sorted = [...created].sort();
          expect(created).toEqual(sort_direction === 'asc' ? sorted : sorted.reverse());
        }
      }
    });

    it('given filters, then only the matching orders, counted across pages', async () => {
      const ids = async (body: object) => (await search(body)).calls.map((c) => c.id).sort();
      const idOf = (i: number): string => orders[i]?.id ?? '';
      expect(await ids({ statuses: ['completed'] })).toEqual([idOf(4)]);
      expect((await search({ statuses: ['scheduled'], page_size: 1 })).total_count).toBe(4);
      expect(await ids({ to_phone_number: '+1 212-555-0102' })).toEqual([idOf(1)]);
      expect(await ids({ from_phone_numbers: ['+1 312 555 0100'] })).toEqual([idOf(3)]);
      expect(await ids({ query: '+1415555' })).toEqual([idOf(2), idOf(3)].sort());
      expect(await ids({ query: 'boston' })).toEqual([idOf(0)]);
      expect(await ids({ query: 'Dana' })).toEqual([idOf(2)]);
      expect(await ids({ query: "x' OR WorkflowId != '" })).toEqual([]);
      expect(await ids({ query: 'a"b' })).toEqual([]);
      expect(await ids({ query: '" OR CallOrganizationId != "' })).toEqual([]);
      expect(await ids({ call_ids: [idOf(0), idOf(1)] })).toEqual([idOf(0), idOf(1)].sort());
      expect(await ids({ assistant_ids: [orders[0]?.assistant?.id ?? ''] })).toEqual([idOf(0)]);
      expect(await ids({ directions: ['inbound'] })).toEqual([]);
      expect((await search({ directions: ['outbound', 'inbound'] })).total_count).toBe(5);
      expect(await ids({ campaign_ids: ['camp_1'] })).toEqual([]);
      expect(await ids({ created_after: inDays(1) })).toEqual([]);
      expect((await search({ created_before: inDays(1) })).total_count).toBe(5);
      expect((await search({ results: ['none'], statuses: ['scheduled'] })).total_count).toBe(4);
      expect((await search({ outcomes: ['none'] })).total_count).toBe(5);
    });

    it('given an export, then one escaped CSV row per order, formulas defused', async () => {
      const response = conforms(
        await as('org_search')
          .post('/call/export')
          .send({ filters: { statuses: ['scheduled'] }, include_metadata: true })
          .expect(200),
        'post',
        '/call/export',
      );
      const { csv, filename } = exportCallsResponseSchema.parse(response.body);
      expect(filename).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,status,to_phone_number,from_phone_number,assistant_id,created_at,scheduled_at,updated_at,calls_count,' +
          'last_result,outcome,metadata.city,metadata.note',
      );
      expect(lines).toHaveLength(5);
      expect(csv).toContain(",Boston,'=SUM(A1)\r\n");
      expect(csv).toContain(',"He said ""hi"", then left"\r\n');
      expect(csv).toContain(",'+12125550103,");
    });

    it('given the completed order, then the phone history shows a reached human', async () => {
      const response = conforms(
        await as('org_search').get('/calls/phone-history').expect(200),
        'get',
        '/calls/phone-history',
      );
      const history = phoneHistoryResponseSchema.parse(response.body).phone_history;
      expect(history['+12125550101']).toMatchObject({ reached_human: true, do_not_contact: false, campaigns: [] });
      expect(history['+12125550101']?.count).toBeGreaterThanOrEqual(1);
      expect(history['+12125550101']?.last_called_at).toMatch(/Z$/);
      expect(history['+12125550103']).toMatchObject({ count: 0, last_called_at: null, reached_human: false });
    });
  });

  it('given a preview, then the zones and one instant per attempt, and nothing placed', async () => {
    const before = (await as('org_b').post('/call/search').send({}).expect(200)).body.total_count as number;
    const response = conforms(
      await as('org_b')
        .post('/call/preview')
        .send({
          phone_number: '+1 312 555 0123',
          assistant: { prompt: 'Hi.', call_retry_config: { max_retry_attempts: 3 } },
          scheduled_at: inDays(3),
        })
        .expect(200),
      'post',
      '/call/preview',
    );
    const preview = previewResponseSchema.parse(response.body);
    expect(preview.timezones).toEqual(['America/Chicago']);
    expect(preview.attempts).toHaveLength(3);
    expect([...preview.attempts].sort()).toEqual(preview.attempts);
    expect(Date.parse(preview.attempts[0] ?? '')).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect((await as('org_b').post('/call/search').send({}).expect(200)).body.total_count).toBe(before);
  });

  it('given a reachable Temporal, then healthz and readyz answer 200 and the document lists every route', async () => {
    conforms(await request(app).get('/healthz').expect(200), 'get', '/healthz');
    conforms(await request(app).get('/readyz').expect(200), 'get', '/readyz');
    const document = (await request(app).get('/openapi.json').expect(200)).body as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/call',
        '/call/export',
        '/call/preview',
        '/call/search',
        '/call/{id}',
        '/call/{id}/cancel',
        '/call/{id}/pause',
        '/call/{id}/resume',
        '/calls/phone-history',
        '/assistants',
        '/assistants/{id}',
        '/assistants/{id}/clone',
        '/voices',
        '/voices/{id}',
        '/healthz',
        '/openapi.json',
        '/readyz',
      ].sort(),
    );
  });

  it('given the assistant and voice routes, then every answer matches the document', async () => {
    const auth = { Authorization: `Bearer ${KEYS.org_a}` };
    const created = conforms(
      await request(app)
        .post('/assistants')
        .set(auth)
        .send({ name: 'Doc check', prompt: 'Hi.', voice: { id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs' } })
        .expect(201),
      'post',
      '/assistants',
    );
    const id = (created.body as { assistant: { id: string } }).assistant.id;
    conforms(await request(app).get(`/assistants/${id}`).set(auth).expect(200), 'get', '/assistants/{id}');
    conforms(await request(app).get('/assistants').set(auth).expect(200), 'get', '/assistants');
    conforms(
      await request(app).patch(`/assistants/${id}`).set(auth).send({ prompt: 'Hello.' }).expect(200),
      'patch',
      '/assistants/{id}',
    );
    conforms(
      await request(app).post(`/assistants/${id}/clone`).set(auth).expect(201),
      'post',
      '/assistants/{id}/clone',
    );
    conforms(await request(app).delete(`/assistants/${id}`).set(auth).expect(200), 'delete', '/assistants/{id}');
    conforms(await request(app).get(`/assistants/${id}`).set(auth).expect(404), 'get', '/assistants/{id}');
    conforms(await request(app).get('/voices?provider=cartesia').set(auth).expect(200), 'get', '/voices');
    conforms(
      await request(app).get('/voices/21m00Tcm4TlvDq8ikWAM?provider=elevenlabs').set(auth).expect(200),
      'get',
      '/voices/{id}',
    );
  });
});
