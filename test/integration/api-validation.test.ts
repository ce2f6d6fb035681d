import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { loadTimezoneTable } from '../../config/timezone-table';
import { errorResponseSchema } from '../../domain/contract/responses';
import { testLogger } from '../helpers/logger';

/**
 * Bad input never reaches Temporal: this app talks to an address where nothing listens, so every valid request
 * shows the 503 path while every invalid one must be answered before it.
 */
describe('the API judging its input (no Temporal behind it)', () => {
  let connection: Connection;
  let app: Express;
  let securedApp: Express;

  beforeAll(() => {
    connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s' });
    const base = {
      client: new Client({ connection }),
      taskQueue: 'nowhere',
      logger: testLogger,
      defaultOrganizationId: 'org_local',
      timezoneTable: loadTimezoneTable(),
      now: () => Date.parse('2027-02-10T15:00:00Z'),
    };
    app = createApp(base);
    securedApp = createApp({ ...base, apiKeys: new Map([['key_a', 'org_a']]) });
  });

  afterAll(async () => {
    await connection.close();
  });

  const valid = { phone_number: '+12125550101', assistant: { prompt: 'Say hello.' } };
  const withAssistant = (assistant: object): object => ({ ...valid, assistant: { ...valid.assistant, ...assistant } });
  const withRetry = (config: object): object => withAssistant({ call_retry_config: config });
  const windowOf = (window: object): object =>
    withRetry({
      calling_windows: [{ calling_window_start_time: '10:00', calling_window_end_time: '18:00', ...window }],
    });

  const badBodies: [string, unknown, number, string][] = [
    ['phone number of the wrong type', { ...valid, phone_number: 123 }, 400, 'phone_number'],
    ['no phone number', { assistant: valid.assistant }, 400, 'phone_number'],
    ['a national number', { ...valid, phone_number: '2125550101' }, 400, 'phone_number'],
    ['a number with an extension', { ...valid, phone_number: '+1 212 555 0101 ext 5' }, 400, 'phone_number'],
    ['letters as a number', { ...valid, phone_number: 'call me' }, 400, 'phone_number'],
    ['an empty number', { ...valid, phone_number: '' }, 400, 'phone_number'],
    ['no assistant nor assistant_id', { phone_number: '+12125550101' }, 400, 'assistant'],
    ['an assistant of the wrong type', { ...valid, assistant: 'friendly' }, 400, 'assistant'],
    ['an assistant without prompt', { ...valid, assistant: {} }, 400, 'assistant.prompt'],
    ['an empty prompt', withAssistant({ prompt: '' }), 400, 'assistant.prompt'],
    [
      'voice too fast',
      withAssistant({ voice: { id: 'v', provider: 'cartesia', speed: 1.6 } }),
      400,
      'assistant.voice.speed',
    ],
    [
      'voice too slow',
      withAssistant({ voice: { id: 'v', provider: 'cartesia', speed: 0.5 } }),
      400,
      'assistant.voice.speed',
    ],
    [
      'unknown voice provider',
      withAssistant({ voice: { id: 'v', provider: 'azure' } }),
      400,
      'assistant.voice.provider',
    ],
    ['empty voice id', withAssistant({ voice: { id: '', provider: 'cartesia' } }), 400, 'assistant.voice.id'],
    [
      'negative first sentence delay',
      withAssistant({ first_sentence_delay_ms: -1 }),
      400,
      'assistant.first_sentence_delay_ms',
    ],
    [
      'fractional first sentence delay',
      withAssistant({ first_sentence_delay_ms: 1.5 }),
      400,
      'assistant.first_sentence_delay_ms',
    ],
    [
      'unknown first sentence mode',
      withAssistant({ first_sentence_mode: 'loud' }),
      400,
      'assistant.first_sentence_mode',
    ],
    [
      'unknown background sound',
      withAssistant({ background_sound: 'audio/street.ogg' }),
      400,
      'assistant.background_sound',
    ],
    [
      'unknown dedicated model',
      withAssistant({ llm_model: { type: 'dedicated-instance', name: 'gpt-5' } }),
      400,
      'assistant.llm_model.name',
    ],
    ['unknown model type', withAssistant({ llm_model: { type: 'local' } }), 400, 'assistant.llm_model.type'],
    [
      'openrouter model without provider',
      withAssistant({ llm_model: { type: 'openrouter', openrouter_model_id: 'openai/gpt-4.1' } }),
      400,
      'assistant.llm_model.openrouter_provider',
    ],
    [
      'structured output field without name',
      withAssistant({ structured_output_config: [{ name: '', required: true, type: 'string' }] }),
      400,
      'assistant.structured_output_config[0].name',
    ],
    [
      'structured output field of unknown type',
      withAssistant({ structured_output_config: [{ name: 'c', required: true, type: 'color' }] }),
      400,
      'assistant.structured_output_config[0].type',
    ],
    [
      'enum field without options',
      withAssistant({ structured_output_config: [{ name: 'plan', required: true, type: 'enum' }] }),
      400,
      'assistant.structured_output_config[0].enum_options',
    ],
    [
      'structured output field without required',
      withAssistant({ structured_output_config: [{ name: 'email', type: 'string' }] }),
      400,
      'assistant.structured_output_config[0].required',
    ],
    ['ftp webhook', withAssistant({ webhook_url: 'ftp://example.com/hook' }), 400, 'assistant.webhook_url'],
    ['webhook that is no URL', withAssistant({ webhook_url: 'not a url' }), 400, 'assistant.webhook_url'],
    [
      'calendly without event type',
      withAssistant({ calendly: { connection_id: 'c' } }),
      400,
      'assistant.calendly.event_type_id',
    ],
    [
      'faq item without answer',
      withAssistant({ faq_items: [{ question: 'q' }] }),
      400,
      'assistant.faq_items[0].answer',
    ],
    ['zero attempts', withRetry({ max_retry_attempts: 0 }), 400, 'assistant.call_retry_config.max_retry_attempts'],
    [
      'fractional attempts',
      withRetry({ max_retry_attempts: 2.5 }),
      400,
      'assistant.call_retry_config.max_retry_attempts',
    ],
    [
      'zero retry delay',
      windowOf({ retry_delay_seconds: 0 }),
      400,
      'assistant.call_retry_config.calling_windows[0].retry_delay_seconds',
    ],
    [
      'a time of 13pm',
      windowOf({ calling_window_start_time: '13pm' }),
      400,
      'assistant.call_retry_config.calling_windows[0].calling_window_start_time',
    ],
    [
      'a time of 25:00',
      windowOf({ calling_window_end_time: '25:00' }),
      400,
      'assistant.call_retry_config.calling_windows[0].calling_window_end_time',
    ],
    [
      'a window that starts where it ends',
      windowOf({ calling_window_start_time: '10:00', calling_window_end_time: '10:00' }),
      400,
      'assistant.call_retry_config.calling_windows[0].calling_window_end_time',
    ],
    ['no calling window', withRetry({ calling_windows: [] }), 400, 'assistant.call_retry_config.calling_windows'],
    ['the zone Mars/Olympus', withRetry({ timezone: 'Mars/Olympus' }), 400, 'assistant.call_retry_config.timezone'],
    ['the abbreviation EST', withRetry({ timezone: 'EST' }), 400, 'assistant.call_retry_config.timezone'],
    ['an unknown weekday', withRetry({ allowed_days: ['funday'] }), 400, 'assistant.call_retry_config.allowed_days[0]'],
    [
      'a non-boolean call_twice_in_a_row',
      withRetry({ call_twice_in_a_row: 'yes' }),
      400,
      'assistant.call_retry_config.call_twice_in_a_row',
    ],
    ['a naive scheduled_at', { ...valid, scheduled_at: '2027-03-01T10:00:00' }, 400, 'scheduled_at'],
    ['scheduled_at in words', { ...valid, scheduled_at: 'tomorrow' }, 400, 'scheduled_at'],
    ['scheduled_at two years ahead', { ...valid, scheduled_at: '2029-03-01T10:00:00Z' }, 400, 'scheduled_at'],
    ['a placeholder without value', withAssistant({ prompt: 'Ask for {{name}}.' }), 400, 'assistant.prompt'],
    [
      'a first sentence placeholder without value',
      withAssistant({ first_sentence: 'Hi {{ who }}' }),
      400,
      'assistant.first_sentence',
    ],
    ['a metadata value that is a number', { ...valid, metadata: { crm_id: 7 } }, 400, 'metadata.crm_id'],
    ['a prompt variable that is a boolean', { ...valid, prompt_variables: { vip: true } }, 400, 'prompt_variables.vip'],
    ['concurrency without key', { ...valid, concurrency: { max: 2 } }, 400, 'concurrency.key'],
    ['concurrency max 0', { ...valid, concurrency: { key: 'k', max: 0 } }, 400, 'concurrency.max'],
    ['force_now as a string', { ...valid, force_now: 'yes' }, 400, 'force_now'],
    ['a bad caller id', { ...valid, from_phone_number: 'abc' }, 400, 'from_phone_number'],
    ['a bad transfer number', withAssistant({ transfer_phone_number: '12' }), 400, 'assistant.transfer_phone_number'],
    ['a negative max duration', withAssistant({ max_call_duration_secs: -5 }), 400, 'assistant.max_call_duration_secs'],
    [
      'a call longer than 2 hours',
      withAssistant({ max_call_duration_secs: 7201 }),
      400,
      'assistant.max_call_duration_secs',
    ],
    [
      'more than 50 attempts',
      withAssistant({ call_retry_config: { max_retry_attempts: 51 } }),
      400,
      'assistant.call_retry_config.max_retry_attempts',
    ],
    [
      'IVR flag as a string',
      withAssistant({ ivr_navigation_enabled: 'true' }),
      400,
      'assistant.ivr_navigation_enabled',
    ],
    ['an array as the body', [], 400, ''],
    [
      'a voice the catalogue does not know',
      withAssistant({ voice: { id: 'voice_nope', provider: 'cartesia' } }),
      400,
      'assistant.voice.id',
    ],
  ];

  it.each(badBodies)('POST /call with %s (%j) → %i naming %s', async (_name, body, status, path) => {
    const response = await request(app)
      .post('/call')
      .send(body as object)
      .expect(status);
    const error = errorResponseSchema.parse(response.body).error;
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(JSON.stringify(response.body)).not.toMatch(/\s+at\s.+\.ts:\d+/);
  });

  it.each(badBodies.filter(([, , status]) => status === 400).slice(0, 10))(
    'POST /call/preview with %s (%j) → the same %i at %s',
    async (_name, body, status, path) => {
      const response = await request(app)
        .post('/call/preview')
        .send(body as object)
        .expect(status);
      expect(errorResponseSchema.parse(response.body).error.issues.map((i) => i.path)).toContain(path);
    },
  );

  it('given several rule breaks in one body, then one 400 names each of them', async () => {
    const response = await request(app)
      .post('/call')
      .send({
        phone_number: '555 0101',
        from_phone_number: '12',
        scheduled_at: '2027-01-01T09:00:00',
        assistant: {
          prompt: 'Hello {{name}}.',
          call_retry_config: { calling_windows: [{ calling_window_start_time: '13pm' }] },
        },
      })
      .expect(400);
    expect(errorResponseSchema.parse(response.body).error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'phone_number',
        'from_phone_number',
        'scheduled_at',
        'assistant.call_retry_config.calling_windows[0].calling_window_start_time',
        'assistant.prompt',
      ]),
    );
  });

  const badSearches: [string, unknown, string][] = [
    ['an unknown status', { statuses: ['done'] }, 'statuses[0]'],
    ['an unknown result', { results: ['robot'] }, 'results[0]'],
    ['an unknown outcome', { outcomes: ['maybe'] }, 'outcomes[0]'],
    ['page size 101', { page_size: 101 }, 'page_size'],
    ['page 0', { page: 0 }, 'page'],
    ['a sort field', { sort_by: 'name' }, 'sort_by'],
    ['a bad recipient', { to_phone_number: 'abc' }, 'to_phone_number'],
    ['a bad caller id', { from_phone_numbers: ['+1', '+12125550101'] }, 'from_phone_numbers[0]'],
    ['a naive created_after', { created_after: '2027-01-01T00:00:00' }, 'created_after'],
    ['an unknown direction', { directions: ['sideways'] }, 'directions[0]'],
  ];

  it.each(badSearches)('POST /call/search with %s → 400 naming %s', async (_name, body, path) => {
    const response = await request(app)
      .post('/call/search')
      .send(body as object)
      .expect(400);
    expect(errorResponseSchema.parse(response.body).error.issues.map((i) => i.path)).toContain(path);
  });

  it('given an export with a bad page inside filters, then 400 at filters.page', async () => {
    const response = await request(app)
      .post('/call/export')
      .send({ filters: { page: 0 } })
      .expect(400);
    expect(response.body.error.issues[0].path).toBe('filters.page');
  });

  it('given malformed JSON, then 400 malformed_json', async () => {
    const response = await request(app).post('/call').set('content-type', 'application/json').send('{"phone_number":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('given a body that is not JSON, then 415', async () => {
    const response = await request(app).post('/call').set('content-type', 'text/plain').send('phone_number=+1212');
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  it('given a JSON body under a +json media type, then it is read as JSON', async () => {
    const response = await request(app)
      .post('/call')
      .set('content-type', 'application/merge-patch+json')
      .send(JSON.stringify({ phone_number: '2125550101', assistant: { prompt: 'Hi.' } }));
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(response.body).error.issues.map((i) => i.path)).toEqual(['phone_number']);
  });

  it('given a form-encoded body, then 415', async () => {
    await request(app).post('/call').type('form').send({ phone_number: '+12125550101' }).expect(415);
  });

  it('given a body over 512 KB, then 413', async () => {
    const huge = { ...valid, metadata: { blob: 'x'.repeat(600_000) } };
    const response = await request(app).post('/call').send(huge).expect(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('given an Idempotency-Key of 300 characters, then 400 naming the header', async () => {
    const response = await request(app).post('/call').set('Idempotency-Key', 'k'.repeat(300)).send(valid).expect(400);
    expect(response.body.error.issues[0].path).toBe('Idempotency-Key');
  });

  it('given a valid order while Temporal is unreachable, then 503 and no stack trace', async () => {
    const response = await request(app).post('/call').send(valid);
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('unavailable');
    expect(JSON.stringify(response.body)).not.toContain('at ');
  }, 30_000);

  it('given Temporal is unreachable, then healthz 200 and readyz 503', async () => {
    await request(app).get('/healthz').expect(200, { ok: true });
    const response = await request(app).get('/readyz').expect(503);
    expect(response.body.error.code).toBe('unavailable');
  }, 30_000);

  it('given API keys, when no or a wrong key is sent, then 401; service routes stay open', async () => {
    await request(securedApp).get('/call/call_x').expect(401).expect('www-authenticate', 'Bearer');
    await request(securedApp).get('/call/call_x').set('Authorization', 'Bearer nope').expect(401);
    await request(securedApp).post('/call').set('Authorization', 'Basic a2V5X2E6').send(valid).expect(401);
    await request(securedApp).get('/healthz').expect(200);
    await request(securedApp).get('/openapi.json').expect(200);
  });

  it('given a valid key and a bad body, then 400 (the key is judged first, then the body)', async () => {
    await request(securedApp).post('/call').set('Authorization', 'Bearer key_a').send({}).expect(400);
  });

  it('given an unknown route, then 404 in the error shape', async () => {
    const response = await request(app).get('/nope').expect(404);
    expect(errorResponseSchema.parse(response.body).error.code).toBe('not_found');
  });
});
