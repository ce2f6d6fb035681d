import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAiExtractor, ExtractionError } from '../../../activities/providers/extraction';
import type { OpenAiExtractorConfig } from '../../../activities/providers/extraction';
import type { StructuredOutputField } from '../../../domain/contract/assistant';
import type { TranscriptEntry } from '../../../domain/contract/call';

interface Received {
  url: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; response_format: unknown; provider?: unknown };
}

/** A local chat-completions endpoint: `answer` decides the reply's message content (or a status / delay). */
let answer: (body: Received['body']) => { content?: string; status?: number; delayMs?: number };
let received: Received[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      received.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      const reply = answer(body);
      const timer = setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        if ((reply.status ?? 200) !== 200) {
          res.end(JSON.stringify({ error: { message: 'nope', type: 'invalid_request_error' } }));
          return;
        }
        res.end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created: 1,
            model: body.model,
            choices: [
              {
                index: 0,
                finish_reason: 'stop',
                message: { role: 'assistant', content: reply.content ?? '{}', refusal: null },
              },
            ],
          }),
        );
      }, reply.delayMs ?? 0);
      res.on('close', () => {
        clearTimeout(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
});

const fields: StructuredOutputField[] = [
  { name: 'email', type: 'string', required: true },
  { name: 'visit_date', type: 'date', required: true },
  { name: 'callback_at', type: 'datetime', required: false },
  { name: 'interested', type: 'boolean', required: true },
  { name: 'plan', type: 'enum', required: true, enum_options: ['basic', 'premium'] },
  { name: 'seats', type: 'number', required: false },
];
const transcript: TranscriptEntry[] = [
  { role: 'assistant', content: 'What is your email?' },
  { role: 'user', content: 'It is dana@example.com.' },
];
const dedicated = { type: 'dedicated-instance', name: 'gpt-4.1' } as const;
const config = (extra: Partial<OpenAiExtractorConfig> = {}): OpenAiExtractorConfig => ({
  baseUrl: `${baseUrl}/v1`,
  apiKey: 'main-key',
  models: { 'gpt-4.1': 'acme-gpt-4.1-dedicated' },
  timeoutMs: 2_000,
  ...extra,
});
const request = (
  llmModel: Parameters<ReturnType<typeof createOpenAiExtractor>['extract']>[0]['llmModel'] = dedicated,
) => ({
  callId: 'c1',
  attempt: 1,
  transcript,
  fields,
  llmModel,
});

describe('OpenAI-compatible extractor', () => {
  it('given a good answer, then every value is kept and the request asks for strict JSON schema on the mapped model', async () => {
    answer = () => ({
      content: JSON.stringify({
        email: 'dana@example.com',
        visit_date: '2026-03-14',
        callback_at: '2026-03-12T15:30:00-04:00',
        interested: true,
        plan: 'premium',
        seats: 3,
      }),
    });
    const output = await createOpenAiExtractor(config()).extract(request(), new AbortController().signal);

    expect(output).toEqual({
      email: 'dana@example.com',
      visit_date: '2026-03-14',
      callback_at: '2026-03-12T15:30:00-04:00',
      interested: true,
      plan: 'premium',
      seats: 3,
    });
    const [call] = received;
    expect(call).toMatchObject({
      url: '/v1/chat/completions',
      authorization: 'Bearer main-key',
      body: { model: 'acme-gpt-4.1-dedicated' },
    });
    expect(call!.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true, schema: { required: fields.map((f) => f.name), additionalProperties: false } },
    });
    expect(call!.body.provider).toBeUndefined();
    expect(call!.body.messages[1]!.content).toContain('user: It is dana@example.com.');
  });

  it('given an answer with invalid values and nulls, then those are left out, never invented', async () => {
    answer = () => ({
      content: JSON.stringify({
        email: 'dana@example.com',
        visit_date: 'next week',
        callback_at: null,
        interested: 'yes',
        plan: 'gold',
        seats: 4,
      }),
    });
    await expect(createOpenAiExtractor(config()).extract(request(), new AbortController().signal)).resolves.toEqual({
      email: 'dana@example.com',
      seats: 4,
    });
  });

  it('given an answer that is not JSON, then a retryable ExtractionError of kind invalid_response', async () => {
    answer = () => ({ content: 'Sure! The email is dana@example.com' });
    const failure = createOpenAiExtractor(config()).extract(request(), new AbortController().signal);
    await expect(failure).rejects.toBeInstanceOf(ExtractionError);
    await expect(failure).rejects.toMatchObject({ kind: 'invalid_response', retryable: true });
  });

  it('given an endpoint slower than timeoutMs, then a retryable ExtractionError of kind timeout', async () => {
    answer = () => ({ content: '{}', delayMs: 1_500 });
    const startedAt = Date.now();
    const failure = createOpenAiExtractor(config({ timeoutMs: 200 })).extract(request(), new AbortController().signal);
    await expect(failure).rejects.toMatchObject({ name: 'ExtractionError', kind: 'timeout', retryable: true });
    expect(Date.now() - startedAt).toBeLessThan(1_400);
  });

  it('given a 401, then a non-retryable ExtractionError of kind rejected; a 503 is retryable', async () => {
    answer = () => ({ status: 401 });
    await expect(
      createOpenAiExtractor(config()).extract(request(), new AbortController().signal),
    ).rejects.toMatchObject({ kind: 'rejected', retryable: false });
    answer = () => ({ status: 503 });
    await expect(
      createOpenAiExtractor(config()).extract(request(), new AbortController().signal),
    ).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    expect(received).toHaveLength(2);
  });

  it('given an OpenRouter model, then the OpenRouter endpoint and key are used with the provider routing field', async () => {
    answer = () => ({
      content: JSON.stringify({
        email: null,
        visit_date: null,
        callback_at: null,
        interested: false,
        plan: null,
        seats: null,
      }),
    });
    const extractor = createOpenAiExtractor(
      config({ openrouter: { baseUrl: `${baseUrl}/openrouter/api/v1`, apiKey: 'or-key' } }),
    );
    const output = await extractor.extract(
      request({ type: 'openrouter', openrouter_model_id: 'openai/gpt-4.1', openrouter_provider: 'nebius' }),
      new AbortController().signal,
    );

    expect(output).toEqual({ interested: false });
    expect(received[0]).toMatchObject({
      url: '/openrouter/api/v1/chat/completions',
      authorization: 'Bearer or-key',
      body: { model: 'openai/gpt-4.1', provider: { order: ['nebius'] } },
    });
  });

  it('given a transcript longer than one piece, then it is sent in overlapping pieces covering every line, later values winning', async () => {
    const long: TranscriptEntry[] = [];
    for (let i = 0; i < 120; i++)
      long.push({ role: i % 2 ? 'user' : 'assistant', content: `Line ${i} ${'blah '.repeat(10)}` });
    long.splice(10, 0, { role: 'user', content: 'My email is first@example.com' });
    long.push({ role: 'user', content: 'Actually, use second@example.com' });
    answer = (body) => {
      const piece = body.messages[1]!.content;
      const email = /(\w+@example\.com)(?![\s\S]*@example\.com)/.exec(piece)?.[1] ?? null;
      return {
        content: JSON.stringify({
          email,
          visit_date: null,
          callback_at: null,
          interested: null,
          plan: null,
          seats: piece.includes('Line 5 ') ? 7 : null,
        }),
      };
    };

    const output = await createOpenAiExtractor(config({ maxChunkChars: 1_000, chunkOverlapChars: 200 })).extract(
      { ...request(), transcript: long },
      new AbortController().signal,
    );

    expect(received.length).toBeGreaterThan(5);
    const sent = received.map((r) => r.body.messages[1]!.content).join('\n');
    for (const entry of long) expect(sent).toContain(`${entry.role}: ${entry.content}`);
    expect(received[1]!.body.messages[1]!.content).toMatch(/part 2 of \d+/);
    expect(output).toEqual({ email: 'second@example.com', seats: 7 });
  });
});
