import OpenAI from 'openai';
import type { Logger } from 'pino';
import type { LlmModel, StructuredOutputField } from '../../../domain/contract/assistant';
import type { ExtractionRequest, StructuredOutputExtractor } from '../types';
import { ExtractionError } from './errors';
import { structuredOutputJsonSchema, validateStructuredOutput } from './field-schema';
import { chunkTranscript } from './transcript-chunks';

export interface OpenAiExtractorConfig {
  /** An OpenAI-compatible endpoint (`…/v1`) serving the dedicated-instance models. */
  baseUrl: string;
  apiKey: string;
  /**
   * Dedicated-instance name (`gpt-4.1`, `ministral-3-8b-instruct`) → model id on `baseUrl`; unmapped names are sent
   * as is.
   */
  models?: Record<string, string>;
  /** Where `openrouter` models go; when absent they go to `baseUrl` (which may itself be OpenRouter). */
  openrouter?: { baseUrl: string; apiKey: string };
  /** Per request; a piece that takes longer fails with `ExtractionError` kind `timeout`. */
  timeoutMs: number;
  /** Transcript characters per request; longer transcripts are read in several pieces. Default 24 000. */
  maxChunkChars?: number;
  /** Characters of the previous piece repeated at the start of the next one. Default 1 500. */
  chunkOverlapChars?: number;
  logger?: Logger;
}

const systemPrompt = [
  'You extract structured data from the transcript of a phone call between an AI agent ("assistant") ' +
    'and a callee ("user").',
  'Fill each field only with what the callee clearly stated or confirmed. Use null for anything not said. Never guess.',
  'Dates are YYYY-MM-DD; date-times are ISO 8601. Answer with the JSON object only.',
].join(' ');

type ChatBody = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming & {
  /** OpenRouter's routing extension: the providers to try, in order. */
  provider?: { order: string[] };
};

function classify(error: unknown): ExtractionError | null {
  if (error instanceof OpenAI.APIUserAbortError) return null;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ExtractionError('timeout', 'LLM request timed out', { cause: error });
  if (error instanceof OpenAI.APIConnectionError)
    return new ExtractionError('unavailable', `LLM endpoint unreachable: ${error.message}`, { cause: error });
  if (error instanceof OpenAI.APIError) {
    const status: unknown = error.status;
    if (typeof status !== 'number')
      return new ExtractionError('unavailable', `LLM request failed: ${error.message}`, { cause: error });
    if (status === 429)
      return new ExtractionError('rate_limited', `LLM endpoint rate-limited the request`, { cause: error });
    if (status >= 500 || status === 408)
      return new ExtractionError('unavailable', `LLM endpoint failed with ${status}`, { cause: error });
    return new ExtractionError('rejected', `LLM endpoint rejected the request (${status}): ${error.message}`, {
      cause: error,
    });
  }
  return null;
}

/**
 * Structured output through an OpenAI-compatible chat-completions endpoint (official `openai` client).
 * The order's `llm_model` picks the endpoint and model; the answer must be a JSON object matching a strict JSON
 * schema built from the fields; each value is then validated with zod, and invalid values are left out.
 * Long transcripts are read in overlapping pieces; per field, a valid value from a later piece wins.
 * Throws `ExtractionError` (see its `kind` for retry advice); an aborted `signal` rejects with the client's abort
 * error.
 */
export function createOpenAiExtractor(config: OpenAiExtractorConfig): StructuredOutputExtractor {
  const clientOptions = { timeout: config.timeoutMs, maxRetries: 0 };
  const dedicated = new OpenAI({ ...clientOptions, baseURL: config.baseUrl, apiKey: config.apiKey });
  const openrouter = config.openrouter
    ? new OpenAI({ ...clientOptions, baseURL: config.openrouter.baseUrl, apiKey: config.openrouter.apiKey })
    : dedicated;
  const maxChunkChars = config.maxChunkChars ?? 24_000;
  const overlapChars = config.chunkOverlapChars ?? 1_500;

  const route = (llmModel: LlmModel): { client: OpenAI; model: string; provider?: { order: string[] } } =>
    llmModel.type === 'dedicated-instance'
      ? { client: dedicated, model: config.models?.[llmModel.name] ?? llmModel.name }
      : {
          client: openrouter,
          model: llmModel.openrouter_model_id,
          provider: { order: [llmModel.openrouter_provider] },
        };

  const askPiece = async (
    request: ExtractionRequest,
    fields: StructuredOutputField[],
    piece: string,
    label: string,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> => {
    const { client, model, provider } = route(request.llmModel);
    const body: ChatBody = {
      model,
      temperature: 0,
      messages: [
        { role: 'system', content: systemPrompt },
        { role: 'user', content: `${label}\n\n${piece}` },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'structured_output', strict: true, schema: structuredOutputJsonSchema(fields) },
      },
      ...(provider ? { provider } : {}),
    };

    // Our own deadline, so a timeout is told apart from the caller's abort whatever the client reports.
    const deadline = AbortSignal.timeout(config.timeoutMs);
    let content: string | null | undefined;
    try {
      const completion = await client.chat.completions.create(body, { signal: AbortSignal.any([signal, deadline]) });
      content = completion.choices[0]?.message.content;
    } catch (error) {
      if (deadline.aborted && !signal.aborted)
        throw new ExtractionError('timeout', `LLM request timed out after ${config.timeoutMs} ms`, { cause: error });
      throw classify(error) ?? error;
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(content ?? '');
    } catch (error) {
      throw new ExtractionError('invalid_response', `LLM answer is not JSON: ${(content ?? '(empty)').slice(0, 200)}`, {
        cause: error,
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ExtractionError('invalid_response', 'LLM answer is JSON but not an object');
    }
    return parsed as Record<string, unknown>;
  };

  return {
    async extract(request: ExtractionRequest, signal: AbortSignal): Promise<Record<string, unknown>> {
      if (request.fields.length === 0 || request.transcript.length === 0) return {};
      const log = config.logger?.child({ callId: request.callId, attempt: request.attempt });
      const pieces = chunkTranscript(request.transcript, maxChunkChars, overlapChars);
      const merged: Record<string, unknown> = {};

      for (const [index, piece] of pieces.entries()) {
        const label =
          pieces.length === 1
            ? 'Transcript:'
            : `Transcript, part ${index + 1} of ${pieces.length} (parts overlap; report only what this part states):`;
        const candidate = await askPiece(request, request.fields, piece, label, signal);
        const { output, rejected } = validateStructuredOutput(request.fields, candidate);
        if (rejected.length > 0) log?.warn({ rejected, piece: index + 1 }, 'extraction: invalid values left out');
        Object.assign(merged, output);
      }
      log?.info({ fields: Object.keys(merged), pieces: pieces.length }, 'extraction: done');
      return merged;
    },
  };
}
