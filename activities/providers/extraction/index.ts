import type { Logger } from 'pino';
import type { StructuredOutputExtractor } from '../types';
import { createOfflineExtractor } from './offline-extractor';
import { createOpenAiExtractor } from './openai-extractor';
import type { OpenAiExtractorConfig } from './openai-extractor';

export { ExtractionError } from './errors';
export type { ExtractionErrorKind } from './errors';
export { createOfflineExtractor } from './offline-extractor';
export { createOpenAiExtractor } from './openai-extractor';
export type { OpenAiExtractorConfig } from './openai-extractor';

/** The OpenAI-compatible extractor when an LLM endpoint is configured, else the offline one. */
export function createExtractor(
  llm: Omit<OpenAiExtractorConfig, 'logger'> | undefined,
  logger?: Logger,
): StructuredOutputExtractor {
  return llm ? createOpenAiExtractor({ ...llm, ...(logger ? { logger } : {}) }) : createOfflineExtractor();
}
