import type { StructuredOutputField } from '../../../domain/contract/assistant';
import type { TranscriptEntry } from '../../../domain/contract/call';
import type { ExtractionRequest, StructuredOutputExtractor } from '../types';
import { validateStructuredOutput } from './field-schema';
import type { DateContext } from './parse-values';
import {
  cleanFreeText,
  findEmail,
  isDecline,
  matchEnumOption,
  normalise,
  parseDate,
  parseDateTime,
  parseNumber,
  parseYesNo,
} from './parse-values';

/** A question of the agent and the callee's reply to it (the user turns up to the next agent turn). */
interface Exchange {
  question: string;
  answer: string;
  index: number;
}

const stopWords = new Set([
  'the',
  'and',
  'for',
  'you',
  'your',
  'are',
  'what',
  'which',
  'with',
  'that',
  'this',
  'from',
  'does',
  'have',
  'has',
  'when',
  'will',
  'would',
  'should',
  'their',
  'they',
  'whether',
  'about',
]);

function tokens(text: string): string[] {
  return normalise(text)
    .split(' ')
    .filter((token) => token.length >= 3 && !stopWords.has(token))
    .map((token) => token.replace(/s$/, ''));
}

function fieldWords(field: StructuredOutputField): { name: string; nameTokens: string[]; descriptionTokens: string[] } {
  const name = normalise(field.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' '));
  return { name, nameTokens: tokens(name), descriptionTokens: tokens(field.description ?? '') };
}

/** The exchanges of a transcript, in order: every assistant turn followed by at least one user turn. */
export function exchangesOf(transcript: readonly TranscriptEntry[]): Exchange[] {
  const exchanges: Exchange[] = [];
  let question: string | null = null;
  let answer: string[] = [];
  const flush = (): void => {
    if (question !== null && answer.length > 0)
      exchanges.push({ question, answer: answer.join(' '), index: exchanges.length });
    answer = [];
  };
  for (const entry of transcript) {
    if (entry.role === 'assistant') {
      flush();
      question = entry.content;
    } else if (entry.role === 'user' && question !== null) {
      answer.push(entry.content);
    }
  }
  flush();
  return exchanges;
}

/**
 * How clearly a question asks for the field: the full name phrase weighs most, then name words, then description
 * words.
 */
function relevance(field: StructuredOutputField, question: string): number {
  const { name, nameTokens, descriptionTokens } = fieldWords(field);
  const questionText = ` ${normalise(question)} `;
  const questionTokens = new Set(tokens(question));
  const nameHits = nameTokens.filter((token) => questionTokens.has(token)).length;
  const descriptionHits = descriptionTokens.filter((token) => questionTokens.has(token)).length;
  if (nameHits === 0 && descriptionHits < 2) return 0;
  return (questionText.includes(` ${name} `) ? 3 : 0) + 2 * nameHits + descriptionHits;
}

function wantsEmail(field: StructuredOutputField): boolean {
  return /e-?mail/i.test(`${field.name} ${field.description ?? ''}`);
}

/** The value of `field` in one answer, or null when the answer does not give one. */
function valueIn(field: StructuredOutputField, answer: string, context: DateContext): unknown {
  if (isDecline(answer)) return null;
  switch (field.type) {
    case 'string':
      return wantsEmail(field) ? findEmail(answer) : cleanFreeText(answer);
    case 'number':
      return parseNumber(answer);
    case 'boolean':
      return parseYesNo(answer);
    case 'enum':
      return matchEnumOption(answer, field.enum_options ?? []);
    case 'date':
      return parseDate(answer, context);
    case 'datetime':
      return parseDateTime(answer, context);
  }
}

/** Finds a field's value: the answers to the questions that ask for it, most relevant then latest first. */
function findValue(field: StructuredOutputField, exchanges: readonly Exchange[], context: DateContext): unknown {
  const candidates = exchanges
    .map((exchange) => ({ exchange, score: relevance(field, exchange.question) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || b.exchange.index - a.exchange.index);
  for (const { exchange } of candidates) {
    const value = valueIn(field, exchange.answer, context);
    if (value !== null) return value;
  }
  if (field.type === 'string' && wantsEmail(field)) {
    for (const exchange of [...exchanges].reverse()) {
      const email = findEmail(exchange.answer);
      if (email !== null) return email;
    }
  }
  return null;
}

/**
 * Extraction without an LLM: reads the whole transcript (no limit on its length), pairs each agent question with the
 * callee's reply, and parses the replies to the questions that name each field (chrono-node for dates, word lists
 * for yes/no, token overlap for enum options, digits or number words). A field it cannot find is left out; every
 * value passes the same zod validation as the LLM path.
 */
export function createOfflineExtractor(options: { clock?: () => number } = {}): StructuredOutputExtractor {
  const clock = options.clock ?? Date.now;
  return {
    extract(request: ExtractionRequest, signal: AbortSignal): Promise<Record<string, unknown>> {
      signal.throwIfAborted();
      const context: DateContext = {
        referenceAtMs: request.referenceAtMs ?? clock(),
        timeZone: request.timeZone ?? null,
      };
      const exchanges = exchangesOf(request.transcript);
      const candidate: Record<string, unknown> = {};
      for (const field of request.fields) candidate[field.name] = findValue(field, exchanges, context);
      return Promise.resolve(validateStructuredOutput(request.fields, candidate).output);
    },
  };
}
