import { type ApiStack, startApiStack } from '../helpers/api-stack';
import request from 'supertest';
import type { Express } from 'express';
import { callSchema } from '../../domain/contract/call';

describe('the API against a real dev server', () => {
  let stack: ApiStack;
  let app: Express;

  beforeAll(async () => {
    stack = await startApiStack();
    app = stack.app;
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('given a POSTed order, when it runs, then GET returns it completed with one attempt', async () => {
    const created = await request(app)
      .post('/call')
      .send({ phone_number: '+1 (212) 555-0101', assistant: { prompt: 'Say hello.' }, force_now: true })
      .expect(201);
    const id = callSchema.parse(created.body.call).id;

    let call = callSchema.parse(created.body.call);
    for (let i = 0; i < 100 && call.status !== 'completed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const read = await request(app).get(`/call/${id}`).expect(200);
      call = callSchema.parse(read.body.call);
    }

    expect(call.status).toBe('completed');
    expect(call.to_phone_number).toBe('+12125550101');
    expect(call.calls_count).toBe(1);
    expect(call.last_call_attempt?.result).toBe('human');
    const defaults = {
      calling_windows: [
        { calling_window_start_time: '10:00', calling_window_end_time: '18:00', retry_delay_seconds: 7200 },
      ],
      max_retry_attempts: 3,
      timezone: null,
    };
    expect(call.call_retry_config).toEqual(defaults);
    expect(call.assistant?.call_retry_config).toEqual(defaults);
  });

  it('given an unknown id, when read, then 404 in the error shape', async () => {
    const response = await request(app).get('/call/call_nope').expect(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
