import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { placeCallRequestSchema } from '../domain/contract/place-call';
import {
  callActionResponseSchema,
  callResponseSchema,
  errorResponseSchema,
  exportCallsResponseSchema,
  healthResponseSchema,
  phoneHistoryResponseSchema,
  previewResponseSchema,
  searchCallsResponseSchema,
} from '../domain/contract/responses';
import { exportCallsRequestSchema, searchCallsRequestSchema } from '../domain/contract/search';
import { assistantPatchSchema, assistantSchema, storedAssistantInputSchema } from '../domain/assistant-record';
import { voiceCatalogueEntrySchema, voiceProviderSchema } from '../domain/voices';

type Responses = Record<string, ResponseConfig>;

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

/** The error responses every authenticated route may answer. */
function errors(...statuses: number[]): Responses {
  const words: Record<number, string> = {
    400: 'invalid request: every failing field named by path',
    401: 'missing or unknown API key',
    404: 'no such order, assistant or voice in this organization',
    409: 'conflict with the order state or an earlier request',
    413: 'body larger than 512 KB',
    415: 'body is not JSON',
    503: 'Temporal is unreachable',
  };
  return Object.fromEntries(statuses.map((s) => [String(s), json(errorResponseSchema, words[s] ?? 'error')]));
}

const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const idParam = { params: z.object({ id: z.string() }) };
const bearer = [{ bearer: [] }];

const providerQuery = { query: z.object({ provider: voiceProviderSchema.optional() }) };

type Method = 'get' | 'post' | 'patch' | 'delete';
type RouteFn = (
  method: Method,
  path: string,
  summary: string,
  request: object,
  responses: Responses,
  secured?: boolean,
) => void;

/** `/assistants`: create, list, read, update, delete, clone. */
function registerAssistantRoutes(route: RouteFn, mutating: Responses): void {
  const one = z.object({ assistant: assistantSchema });
  route('post', '/assistants', 'Create an assistant', body(storedAssistantInputSchema), {
    '201': json(one, 'the assistant was created'),
    ...mutating,
  });
  route(
    'get',
    '/assistants',
    "The organization's assistants",
    {},
    {
      '200': json(z.object({ assistants: z.array(assistantSchema) }), 'every assistant'),
      ...errors(401, 503),
    },
  );
  route('get', '/assistants/{id}', 'One assistant', idParam, {
    '200': json(one, 'the assistant'),
    ...errors(401, 404, 503),
  });
  route(
    'patch',
    '/assistants/{id}',
    'Update some fields; placed orders keep their snapshot',
    {
      ...idParam,
      ...body(assistantPatchSchema),
    },
    { '200': json(one, 'the assistant as updated'), ...mutating, ...errors(404) },
  );
  route('delete', '/assistants/{id}', 'Delete an assistant; placed orders keep their snapshot', idParam, {
    '200': json(z.object({ success: z.literal(true) }), 'deleted'),
    ...errors(401, 404, 503),
  });
  route('post', '/assistants/{id}/clone', 'A copy under a new id', idParam, {
    '201': json(one, 'the copy'),
    ...errors(401, 404, 503),
  });
}

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests and describe
 * responses (domain/contract), so the document cannot drift from the code.
 */
export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  const route: RouteFn = (method, path, summary, request, responses, secured = true) => {
    registry.registerPath({ method, path, summary, request, responses, ...(secured ? { security: bearer } : {}) });
  };
  const mutating = errors(400, 401, 413, 415, 503);
  route('post', '/call', 'Place a call order', body(placeCallRequestSchema), {
    '201': json(callResponseSchema, 'the order was placed'),
    '200': json(callResponseSchema, 'an earlier request with this Idempotency-Key placed this order'),
    ...mutating,
    ...errors(404, 409),
  });
  route('post', '/call/preview', 'Validate and plan an order without placing it', body(placeCallRequestSchema), {
    '200': json(previewResponseSchema, 'the zones and planned attempts'),
    ...mutating,
    ...errors(404),
  });
  route('get', '/call/{id}', 'One order', idParam, {
    '200': json(callResponseSchema, 'the order'),
    ...errors(401, 404, 503),
  });
  for (const action of ['cancel', 'pause', 'resume']) {
    route('post', `/call/{id}/${action}`, `${action[0]?.toUpperCase()}${action.slice(1)} an order`, idParam, {
      '200': json(callActionResponseSchema, 'done; the order as it is now'),
      ...errors(401, 404, 409, 503),
    });
  }
  route('post', '/call/search', 'Search orders, one page at a time', body(searchCallsRequestSchema), {
    '200': json(searchCallsResponseSchema, 'one page and the total count'),
    ...mutating,
  });
  route('post', '/call/export', 'Export matching orders as CSV', body(exportCallsRequestSchema), {
    '200': json(exportCallsResponseSchema, 'the CSV text'),
    ...mutating,
  });
  route(
    'get',
    '/calls/phone-history',
    'Per phone number: calls made and how they went',
    {},
    {
      '200': json(phoneHistoryResponseSchema, 'the history by number'),
      ...errors(401, 503),
    },
  );
  registerAssistantRoutes(route, mutating);
  route('get', '/voices', 'The voices the configured providers offer', providerQuery, {
    '200': json(z.object({ voices: z.array(voiceCatalogueEntrySchema) }), 'the catalogue'),
    ...errors(400, 401),
  });
  route(
    'get',
    '/voices/{id}',
    'One voice',
    { ...idParam, ...providerQuery },
    {
      '200': json(z.object({ voice: voiceCatalogueEntrySchema }), 'the voice'),
      ...errors(400, 401, 404),
    },
  );
  route('get', '/healthz', 'The process is up', {}, { '200': json(healthResponseSchema, 'up') }, false);
  route(
    'get',
    '/readyz',
    'Temporal is reachable',
    {},
    { '200': json(healthResponseSchema, 'ready'), '503': json(errorResponseSchema, 'Temporal is unreachable') },
    false,
  );
  route('get', '/openapi.json', 'This document', {}, { '200': { description: 'the OpenAPI 3.1 document' } }, false);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'call-orchestrator', version: '0.1.0', description: 'Durable outbound AI phone call orders' },
  });
}
