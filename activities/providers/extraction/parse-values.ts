import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import { z } from 'zod';

/** Phrases by which a callee declines or does not know: the answer holds no value. */
const declinePattern =
  /\b(rather not|prefer not|don'?t know|do not know|not sure|no idea|can'?t say|cannot say|no comment)\b/i;

export function isDecline(text: string): boolean {
  return declinePattern.test(text);
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const emailSchema = z.email();

/** The last well-formed email address in `text`, lower-cased, or null. */
export function findEmail(text: string): string | null {
  const found = [...text.matchAll(emailPattern)]
    .map((match) => match[0].toLowerCase())
    .filter((e) => emailSchema.safeParse(e).success);
  return found.at(-1) ?? null;
}

const numberWords: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const scaleWords: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000 };

/** Digits (`1,250`, `12.5`, `-3`) or English words (`twenty-five`, `two hundred and ten`); the first number found. */
export function parseNumber(text: string): number | null {
  const digits = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/.exec(text);
  if (digits) return Number(digits[0].replace(/,/g, ''));

  let total = 0;
  let current = 0;
  let started = false;
  for (const token of text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)) {
    const unit = numberWords[token];
    const scale = scaleWords[token];
    if (unit !== undefined) {
      current += unit;
      started = true;
    } else if (scale !== undefined && started) {
      if (scale === 100) current *= 100;
      else {
        total += current * scale;
        current = 0;
      }
    } else if (token === 'and' && started) {
      continue;
    } else if (started) {
      break;
    }
  }
  return started ? total + current : null;
}

const yesWords = new Set([
  'yes',
  'yeah',
  'yep',
  'yup',
  'sure',
  'absolutely',
  'definitely',
  'certainly',
  'correct',
  'affirmative',
  'indeed',
]);
const noWords = new Set(['no', 'nope', 'nah', 'not', 'never', "don't", 'dont', 'negative', "isn't", "aren't", "won't"]);

/** Yes or no by the first yes-word or no-word of the answer; null when it has neither. */
export function parseYesNo(text: string): boolean | null {
  for (const token of text
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter(Boolean)) {
    if (yesWords.has(token)) return true;
    if (noWords.has(token)) return false;
  }
  return null;
}

export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The enum option the answer names: whole-phrase match (longest wins), else the best unique token overlap above
 * half.
 */
export function matchEnumOption(text: string, options: readonly string[]): string | null {
  const answer = ` ${normalise(text)} `;
  const phraseHits = options.filter((option) => normalise(option) !== '' && answer.includes(` ${normalise(option)} `));
  if (phraseHits.length > 0) return phraseHits.sort((a, b) => normalise(b).length - normalise(a).length)[0] ?? null;

  const answerTokens = new Set(answer.trim().split(' '));
  const scored = options.map((option) => {
    const tokens = normalise(option).split(' ').filter(Boolean);
    const overlap = tokens.filter((token) => answerTokens.has(token)).length;
    return { option, score: tokens.length === 0 ? 0 : overlap / tokens.length };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  return best > 0.5 && winners.length === 1 ? (winners[0]?.option ?? null) : null;
}

export interface DateContext {
  /** The instant relative dates ("next Tuesday") are read from. */
  referenceAtMs: number;
  /** IANA zone of the callee's wall-clock times; null leaves datetimes without an offset. */
  timeZone: string | null;
}

function certainDay(result: chrono.ParsedResult): boolean {
  return result.start.isCertain('day') && result.start.isCertain('month');
}

/** A calendar date (`YYYY-MM-DD`) the callee named with at least a day and a month. */
export function parseDate(text: string, context: DateContext): string | null {
  const result = chrono.parse(text, new Date(context.referenceAtMs), { forwardDate: true }).find(certainDay);
  if (!result) return null;
  const date = DateTime.fromObject({
    year: result.start.get('year') ?? 0,
    month: result.start.get('month') ?? 0,
    day: result.start.get('day') ?? 0,
  });
  return date.isValid ? date.toISODate() : null;
}

/**
 * A date and time the callee named (day, month and hour certain). With a stated offset or a `timeZone`, an ISO 8601
 * instant with its offset; otherwise a wall-clock `YYYY-MM-DDTHH:mm:ss` without one (never the host's zone).
 */
export function parseDateTime(text: string, context: DateContext): string | null {
  const result = chrono
    .parse(text, new Date(context.referenceAtMs), { forwardDate: true })
    .find((r) => certainDay(r) && r.start.isCertain('hour'));
  if (!result) return null;
  const s = result.start;
  const parts = {
    year: s.get('year') ?? 0,
    month: s.get('month') ?? 0,
    day: s.get('day') ?? 0,
    hour: s.get('hour') ?? 0,
    minute: s.get('minute') ?? 0,
    second: s.get('second') ?? 0,
  };
  const offsetMinutes = s.isCertain('timezoneOffset') ? s.get('timezoneOffset') : null;

  if (offsetMinutes !== null) {
    const at = DateTime.fromObject(parts, { zone: FixedOffsetZone.instance(offsetMinutes) });
    return at.isValid ? at.toISO({ suppressMilliseconds: true }) : null;
  }
  if (context.timeZone !== null) {
    const at = DateTime.fromObject(parts, { zone: context.timeZone });
    return at.isValid ? at.toISO({ suppressMilliseconds: true }) : null;
  }
  const at = DateTime.fromObject(parts, { zone: 'UTC' });
  return at.isValid ? at.toFormat("yyyy-MM-dd'T'HH:mm:ss") : null;
}

const leadIns = [
  /^(sure|yes|yeah|well|ok|okay|um|uh|hm+|so|oh|right)\b[,.!]?\s*/i,
  /^(it'?s|it is|that'?s|that is|that would be|i'?d say|i would say|let'?s say|we are|we'?re|i'?m|i am|call me)\s+/i,
  /^my [a-z]+(?: [a-z]+)? is\s+/i,
];

/** A free-text answer without its spoken lead-ins (`Well, it's …`, `My name is …`) and final punctuation. */
export function cleanFreeText(text: string): string | null {
  let cleaned = text.trim();
  for (let pass = 0; pass < 3; pass++) for (const pattern of leadIns) cleaned = cleaned.replace(pattern, '');
  cleaned = cleaned.replace(/[.!?…\s]+$/, '').trim();
  return cleaned === '' ? null : cleaned;
}
