import express from 'express';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import { createProviders } from '../../activities/providers';
import { createApp } from '../../api/app';
import { loadTimezoneTable } from '../../config/timezone-table';
import { z } from 'zod';
import { type Assistant, assistantSchema } from '../../domain/assistant-record';
import { callSchema } from '../../domain/contract/call';
import { ensureTemporalBinaries } from '../../scripts/temporal-bin';
import { assistantWorkflowId } from '../../workflows/assistant-messages';
import { allSearchAttributeKeys } from '../../workflows/search-attributes';
import { createWorker } from '../../workers/create-worker';
import { testLogger } from '../helpers/logger';
import { bundleWorkflows, uniqueTaskQueue } from '../helpers/temporal';

/** The server suggests continue-as-new from this many history events on (default 4096), so 500 updates reach it. */
const SUGGEST_CONTINUE_AS_NEW_AT_EVENTS = 200;

const ORG_A = 'Bearer key_a';
const ORG_B = 'Bearer key_b';
const apiKeys = new Map([
  ['key_a', 'org_a'],
  ['key_b', 'org_b'],
]);

const baseAssistant = {
  name: 'Dentist reminder',
  prompt: 'You remind {{ patient }} of their appointment.',
  first_sentence: 'Hello {{patient}}, this is the dental office.',
  voice: { id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs' },
};

/** A dev server (in memory) that suggests continue-as-new early, with the project's search attributes. */
async function createEnv(): Promise<TestWorkflowEnvironment> {
  const { cli } = ensureTemporalBinaries();
  return TestWorkflowEnvironment.createLocal({
    server: {
      ...(cli ? { executable: { type: 'existing-path', path: cli.path } } : {}),
      searchAttributes: allSearchAttributeKeys,
      extraArgs: [
        '--dynamic-config-value',
        `limit.historyCount.suggestContinueAsNew=${SUGGEST_CONTINUE_AS_NEW_AT_EVENTS}`,
      ],
      log: { format: 'pretty', level: 'error' },
    },
  });
}

function issuePaths(body: unknown): string[] {
  const parsed = z.object({ error: z.object({ issues: z.array(z.object({ path: z.string() })) }) }).parse(body);
  return parsed.error.issues.map((issue) => issue.path);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('assistants and voices against a real dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: Express;

  beforeAll(async () => {
    const [started, workflowBundle] = await Promise.all([createEnv(), bundleWorkflows()]);
    env = started;
    const taskQueue = uniqueTaskQueue('assistants');
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      providers: await createProviders({ sim: { speed: 0 } }),
      logger: testLogger,
      workflowBundle,
    });
    running = worker.run();
    // Requests without a key stand for organization A.
    app = express()
      .use((req, _res, next) => {
        req.headers.authorization ??= 'Bearer key_a';
        next();
      })
      .use(
        createApp({
          client: env.client,
          taskQueue,
          logger: testLogger,
          defaultOrganizationId: 'org_local',
          timezoneTable: loadTimezoneTable(),
          apiKeys,
        }),
      );
  }, 120_000);

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  async function createAssistant(body: object = baseAssistant, authorization = ORG_A) {
    const response = await request(app).post('/assistants').set('authorization', authorization).send(body).expect(201);
    return assistantSchema.parse(response.body.assistant);
  }

  async function listAssistants(authorization = ORG_A): Promise<Assistant[]> {
    const response = await request(app).get('/assistants').set('authorization', authorization).expect(200);
    return z.object({ assistants: z.array(assistantSchema) }).parse(response.body).assistants;
  }

  async function readCall(id: string) {
    const response = await request(app).get(`/call/${id}`).set('authorization', ORG_A).expect(200);
    return callSchema.parse(response.body.call);
  }

  describe('CRUD', () => {
    it('given a created assistant, when read, listed, patched, cloned and deleted, then each answers per the routes', async () => {
      const created = await createAssistant();
      expect(created).toMatchObject({ ...baseAssistant, organization_id: 'org_a', type: 'standalone' });
      expect(created.id).toMatch(/^asst_/);
      expect(created.created_at).toBe(created.updated_at);

      const read = await request(app).get(`/assistants/${created.id}`).set('authorization', ORG_A).expect(200);
      expect(read.body.assistant).toEqual(created);

      const listed = await until(listAssistants, (assistants) => assistants.some((a) => a.id === created.id));
      expect(listed).toContainEqual(created);

      const patched = await request(app)
        .patch(`/assistants/${created.id}`)
        .set('authorization', ORG_A)
        .send({ prompt: 'You confirm {{patient}}.', first_sentence: null })
        .expect(200);
      const updated = assistantSchema.parse(patched.body.assistant);
      expect(updated).toMatchObject({ name: created.name, prompt: 'You confirm {{patient}}.', first_sentence: null });
      expect(updated.voice).toEqual(created.voice);
      expect(updated.created_at).toBe(created.created_at);
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));

      const cloned = await request(app).post(`/assistants/${created.id}/clone`).set('authorization', ORG_A).expect(201);
      const copy = assistantSchema.parse(cloned.body.assistant);
      expect(copy.id).not.toBe(created.id);
      expect(copy).toMatchObject({ name: 'Dentist reminder (copy)', prompt: updated.prompt, type: 'standalone' });

      await request(app).delete(`/assistants/${created.id}`).set('authorization', ORG_A).expect(200, { success: true });
      await request(app).get(`/assistants/${created.id}`).set('authorization', ORG_A).expect(404);
      await request(app).delete(`/assistants/${created.id}`).set('authorization', ORG_A).expect(404);
      await request(app).patch(`/assistants/${created.id}`).set('authorization', ORG_A).send({}).expect(404);
      await request(app).get(`/assistants/${copy.id}`).set('authorization', ORG_A).expect(200);

      const afterDelete = await until(listAssistants, (assistants) => !assistants.some((a) => a.id === created.id));
      expect(afterDelete.map((a) => a.id)).not.toContain(created.id);
    });

    it('given bad input, then 400 naming each field by its path', async () => {
      const missing = await request(app)
        .post('/assistants')
        .send({ voice: { id: 'x', provider: 'azure' } })
        .expect(400);
      expect(missing.body.error.code).toBe('invalid_request');
      expect(issuePaths(missing.body)).toEqual(expect.arrayContaining(['name', 'prompt', 'voice.provider']));

      const created = await createAssistant();
      const badPatch = await request(app)
        .patch(`/assistants/${created.id}`)
        .send({ first_sentence_mode: 'shout', name: null })
        .expect(400);
      expect(issuePaths(badPatch.body).sort()).toEqual(['first_sentence_mode', 'name']);

      const emptyPrompt = await request(app).patch(`/assistants/${created.id}`).send({ prompt: '' }).expect(400);
      expect(emptyPrompt.body.error.issues[0].path).toBe('prompt');
      const unchanged = await request(app).get(`/assistants/${created.id}`).expect(200);
      expect(unchanged.body.assistant.prompt).toBe(baseAssistant.prompt);
    });

    it('given window times, a zone or a transfer number that orders would refuse, then 400 at once, nothing stored', async () => {
      const broken = {
        name: 'Broken',
        prompt: 'Hi.',
        transfer_phone_number: '12345',
        call_retry_config: {
          timezone: 'EST',
          calling_windows: [{ calling_window_start_time: '13pm', calling_window_end_time: '9am' }],
        },
      };
      const refused = await request(app).post('/assistants').send(broken).expect(400);
      expect(issuePaths(refused.body).sort()).toEqual([
        'call_retry_config.calling_windows[0].calling_window_start_time',
        'call_retry_config.timezone',
        'transfer_phone_number',
      ]);

      const created = await createAssistant();
      const badPatch = await request(app)
        .patch(`/assistants/${created.id}`)
        .send({ call_retry_config: { calling_windows: [{ calling_window_start_time: '25:00' }] } })
        .expect(400);
      expect(issuePaths(badPatch.body)).toEqual(['call_retry_config.calling_windows[0].calling_window_start_time']);
      const unchanged = await request(app).get(`/assistants/${created.id}`).expect(200);
      expect(unchanged.body.assistant.call_retry_config).toEqual(created.call_retry_config);
    });
  });

  describe('voices', () => {
    it('lists the catalogue and reads one voice by id and provider', async () => {
      const all = await request(app).get('/voices').expect(200);
      expect(all.body.voices.length).toBeGreaterThanOrEqual(10);
      expect(all.body.voices[0]).toEqual(
        expect.objectContaining({ id: expect.any(String), name: expect.any(String), provider: expect.any(String) }),
      );

      const one = await request(app).get('/voices/21m00Tcm4TlvDq8ikWAM?provider=elevenlabs').expect(200);
      expect(one.body.voice).toMatchObject({ name: 'Rachel', provider: 'elevenlabs', language: 'en' });
      await request(app).get('/voices/21m00Tcm4TlvDq8ikWAM?provider=cartesia').expect(404);
      await request(app).get('/voices/nope?provider=gradium').expect(404);
      const badProvider = await request(app).get('/voices/21m00Tcm4TlvDq8ikWAM?provider=azure').expect(400);
      expect(badProvider.body.error.issues[0].path).toBe('provider');
    });

    it('given a voice id the catalogue lacks, then 400 on create, update and inline order', async () => {
      const unknownVoice = { id: 'not-a-voice', provider: 'cartesia' };
      const onCreate = await request(app)
        .post('/assistants')
        .send({ ...baseAssistant, voice: unknownVoice })
        .expect(400);
      expect(onCreate.body.error.issues).toEqual([
        { path: 'voice.id', message: expect.stringContaining('not-a-voice') },
      ]);

      const created = await createAssistant();
      const onUpdate = await request(app).patch(`/assistants/${created.id}`).send({ voice: unknownVoice }).expect(400);
      expect(onUpdate.body.error.issues[0].path).toBe('voice.id');

      const onOrder = await request(app)
        .post('/call')
        .send({ phone_number: '+12125550101', assistant: { prompt: 'Hi.', voice: unknownVoice }, force_now: true })
        .expect(400);
      expect(onOrder.body.error.issues[0].path).toBe('assistant.voice.id');
    });
  });

  describe('orders placed with assistant_id', () => {
    it('given an order placed by assistant_id, when the assistant is edited then deleted, then the order keeps its snapshot', async () => {
      const assistant = await createAssistant();
      const placed = await request(app)
        .post('/call')
        .set('authorization', ORG_A)
        .send({ phone_number: '+12125550101', assistant_id: assistant.id, prompt_variables: { patient: 'Ana' } })
        .expect(201);
      const call = callSchema.parse(placed.body.call);
      expect(call.assistant).toMatchObject({
        id: assistant.id,
        name: assistant.name,
        prompt: assistant.prompt,
        voice: assistant.voice,
        organization_id: 'org_a',
        created_at: assistant.created_at,
      });

      await request(app)
        .patch(`/assistants/${assistant.id}`)
        .set('authorization', ORG_A)
        .send({ name: 'Renamed', prompt: 'Something else entirely.' })
        .expect(200);
      const afterEdit = await readCall(call.id);
      expect(afterEdit.assistant).toMatchObject({ name: assistant.name, prompt: assistant.prompt });

      await request(app).delete(`/assistants/${assistant.id}`).set('authorization', ORG_A).expect(200);
      const afterDelete = await readCall(call.id);
      expect(afterDelete.assistant).toEqual(call.assistant);

      const withDeleted = await request(app)
        .post('/call')
        .set('authorization', ORG_A)
        .send({ phone_number: '+12125550101', assistant_id: assistant.id, prompt_variables: { patient: 'Ana' } })
        .expect(404);
      expect(withDeleted.body.error.code).toBe('not_found');
    });

    it('given an order placed by assistant_id, when it runs, then it completes with the stored script', async () => {
      const assistant = await createAssistant({ name: 'Now', prompt: 'Say hello.', first_sentence: 'Hello!' });
      const placed = await request(app)
        .post('/call')
        .send({ phone_number: '+1 (212) 555-0101', assistant_id: assistant.id, force_now: true })
        .expect(201);
      const id = callSchema.parse(placed.body.call).id;
      const call = await until(
        () => readCall(id),
        (read) => read.status === 'completed',
      );
      expect(call.status).toBe('completed');
      expect(call.assistant?.id).toBe(assistant.id);
      expect(call.assistant?.first_sentence).toBe('Hello!');
    });

    it('given both assistant and assistant_id, then assistant_id wins; an unknown assistant_id is a 404', async () => {
      const assistant = await createAssistant({ name: 'Stored', prompt: 'Stored prompt.' });
      const ok = await request(app)
        .post('/call')
        .send({
          phone_number: '+12125550101',
          assistant_id: assistant.id,
          // ignored, voice included: only an inline assistant's call_retry_config counts next to assistant_id
          assistant: { name: 'I', prompt: 'Inline.', voice: { id: 'not-a-voice', provider: 'cartesia' } },
        })
        .expect(201);
      expect(ok.body.call.assistant).toMatchObject({ id: assistant.id, name: 'Stored', prompt: 'Stored prompt.' });

      const unknown = await request(app)
        .post('/call')
        .send({ phone_number: '+12125550101', assistant_id: 'asst_nope' })
        .expect(404);
      expect(unknown.body.error.code).toBe('not_found');

      const inline = await request(app)
        .post('/call')
        .send({ phone_number: '+12125550101', assistant: { prompt: 'Inline.' } })
        .expect(201);
      expect(inline.body.call.assistant.id).toMatch(/^asst_/);
      expect(inline.body.call.assistant.id).not.toBe(assistant.id);
    });

    it("given the assistant's call_retry_config, then it is the default, and the order's own config overrides it field by field", async () => {
      const storedConfig = {
        calling_windows: [
          { calling_window_start_time: '09:00', calling_window_end_time: '17:00', retry_delay_seconds: 3600 },
        ],
        max_retry_attempts: 5,
        timezone: 'America/Chicago',
      };
      const assistant = await createAssistant({ name: 'Retry', prompt: 'P.', call_retry_config: storedConfig });

      const byDefault = await request(app)
        .post('/call')
        .send({ phone_number: '+12125550101', assistant_id: assistant.id })
        .expect(201);
      expect(byDefault.body.call.call_retry_config).toEqual(storedConfig);
      expect(byDefault.body.call.timezones).toEqual(['America/Chicago']);

      const overridden = await request(app)
        .post('/call')
        .send({
          phone_number: '+12125550101',
          assistant_id: assistant.id,
          assistant: { prompt: 'ignored', call_retry_config: { max_retry_attempts: 2, timezone: null } },
        })
        .expect(201);
      const call = callSchema.parse(overridden.body.call);
      expect(call.call_retry_config).toEqual({ ...storedConfig, max_retry_attempts: 2, timezone: null });
      expect(call.timezones).toEqual(['America/New_York']);
      expect(call.assistant?.prompt).toBe('P.');
      expect(call.assistant?.call_retry_config).toEqual(call.call_retry_config);
    });
  });

  describe('organizations', () => {
    it("given another organization's assistant, then every route answers 404 and the list omits it", async () => {
      const mine = await createAssistant(baseAssistant, ORG_A);
      const theirs = await createAssistant({ ...baseAssistant, name: 'Theirs' }, ORG_B);
      expect(theirs.organization_id).toBe('org_b');

      await request(app).get(`/assistants/${mine.id}`).set('authorization', ORG_B).expect(404);
      await request(app).patch(`/assistants/${mine.id}`).set('authorization', ORG_B).send({ name: 'x' }).expect(404);
      await request(app).post(`/assistants/${mine.id}/clone`).set('authorization', ORG_B).expect(404);
      await request(app).delete(`/assistants/${mine.id}`).set('authorization', ORG_B).expect(404);
      await request(app)
        .post('/call')
        .set('authorization', ORG_B)
        .send({ phone_number: '+12125550101', assistant_id: mine.id, prompt_variables: { patient: 'Ana' } })
        .expect(404);

      const listB = await until(
        () => listAssistants(ORG_B),
        (assistants) => assistants.some((a) => a.id === theirs.id),
      );
      expect(listB.map((a) => a.id)).toEqual([theirs.id]);
      await request(app).get(`/assistants/${mine.id}`).set('authorization', ORG_A).expect(200);
    });
  });

  describe('a long-lived assistant', () => {
    it('given 500 updates, then it still answers, continued as new, and its history stays bounded', async () => {
      const assistant = await createAssistant({ name: 'Busy', prompt: 'Version 0.' });
      for (let version = 1; version <= 500; version += 1) {
        await request(app)
          .patch(`/assistants/${assistant.id}`)
          .send({ prompt: `Version ${version}.` })
          .expect(200);
      }

      const read = await request(app).get(`/assistants/${assistant.id}`).expect(200);
      expect(read.body.assistant).toMatchObject({
        name: 'Busy',
        prompt: 'Version 500.',
        created_at: assistant.created_at,
      });

      const workflowId = assistantWorkflowId('org_a', assistant.id);
      const description = await env.client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.historyLength).toBeLessThan(SUGGEST_CONTINUE_AS_NEW_AT_EVENTS * 2);
      const runs = await until(
        async () => {
          const statuses: string[] = [];
          for await (const run of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
            statuses.push(run.status.name);
          }
          return statuses;
        },
        (statuses) => statuses.includes('CONTINUED_AS_NEW'),
      );
      expect(runs).toContain('CONTINUED_AS_NEW');
    }, 120_000);
  });
});
