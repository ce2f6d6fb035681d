import { DateTime } from 'luxon';
import type { StructuredOutputField } from '../../../domain/contract/assistant';
import type { CalleeAnswer } from './scenario';
import type { Rng } from './prng';

/** The field's name as words: `preferred_contact_date` → `preferred contact date`. */
export function humanFieldName(field: StructuredOutputField): string {
  return field.name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The question the simulated agent asks for a field; it names the field so a reader can tell what is answered. */
export function questionFor(field: StructuredOutputField): string {
  const about = field.description
    ? `your ${humanFieldName(field)} (${field.description.replace(/[.?!]+$/, '')})`
    : `your ${humanFieldName(field)}`;
  switch (field.type) {
    case 'boolean':
      return `Quick yes or no question about ${about}?`;
    case 'enum':
      return `Regarding ${about}: is it ${(field.enum_options ?? []).join(', or ')}?`;
    case 'date':
      return `Which date works for ${about}?`;
    case 'datetime':
      return `What day and time would suit ${about}?`;
    default:
      return `Could you tell me ${about}?`;
  }
}

const firstNames = ['Jordan', 'Casey', 'Morgan', 'Riley', 'Avery', 'Taylor', 'Jamie', 'Robin'];
const lastNames = ['Lee', 'Garcia', 'Nguyen', 'Patel', 'Smith', 'Okafor', 'Rossi', 'Novak'];
const companies = ['Acme Logistics', 'Bluebird Dental', 'Northwind Traders', 'Globex Energy', 'Pioneer Bakery'];
const cities = ['Springfield', 'Riverside', 'Fairview', 'Madison', 'Georgetown'];
const remarks = ['mostly the delivery delays', 'the pricing of the premium plan', 'a billing question from last month'];

function hints(field: StructuredOutputField, ...words: string[]): boolean {
  const text = `${field.name} ${field.description ?? ''}`.toLowerCase();
  return words.some((word) => text.includes(word));
}

/**
 * A plausible value for a field the scenario does not script, deterministic for the seeded `rng`.
 * Dates are `YYYY-MM-DD`; datetimes are recipient wall-clock `YYYY-MM-DDTHH:mm:00` (no offset).
 */
export function plausibleAnswer(field: StructuredOutputField, rng: Rng): Exclude<CalleeAnswer, null> | null {
  switch (field.type) {
    case 'string': {
      const first = rng.pick(firstNames);
      const last = rng.pick(lastNames);
      if (hints(field, 'email', 'e-mail', 'mail')) return `${first}.${last}@example.com`.toLowerCase();
      if (hints(field, 'company', 'business', 'employer')) return rng.pick(companies);
      if (hints(field, 'city', 'town')) return rng.pick(cities);
      if (hints(field, 'name')) return `${first} ${last}`;
      return rng.pick(remarks);
    }
    case 'number':
      return hints(field, 'age') ? rng.int(21, 75) : rng.chance(0.5) ? rng.int(1, 60) : rng.int(20, 180) * 50;
    case 'boolean':
      return rng.chance(0.6);
    case 'enum':
      return field.enum_options && field.enum_options.length > 0 ? rng.pick(field.enum_options) : null;
    case 'date':
      return DateTime.fromISO('2026-01-05', { zone: 'UTC' })
        .plus({ days: rng.int(0, 330) })
        .toISODate();
    case 'datetime':
      return DateTime.fromISO('2026-01-05T00:00', { zone: 'UTC' })
        .plus({ days: rng.int(0, 330), hours: rng.int(9, 17), minutes: rng.pick([0, 15, 30, 45]) })
        .toFormat("yyyy-MM-dd'T'HH:mm:ss");
  }
}

const units = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for an integer 0–99 (`42` → `forty-two`). */
export function smallNumberWords(value: number): string {
  if (value < 20) return units[value] ?? String(value);
  const unit = value % 10;
  const ten = tens[Math.floor(value / 10)] ?? '';
  return unit === 0 ? ten : `${ten}-${units[unit] ?? ''}`;
}

/** What the callee says to give `value` for `field` (or to decline, when `value` is null). */
export function speakAnswer(field: StructuredOutputField, value: CalleeAnswer, rng: Rng): string {
  if (value === null)
    return rng.pick(["Sorry, I'd rather not say.", "Hm, I don't know, to be honest.", 'I prefer not to answer that.']);
  if (typeof value === 'boolean') {
    return value
      ? rng.pick(['Yes, absolutely.', "Yeah, that's right.", 'Sure, yes.'])
      : rng.pick(['No, not at the moment.', "Nope, I don't think so.", 'No.']);
  }
  if (typeof value === 'number') {
    const spoken =
      Number.isInteger(value) && value >= 0 && value < 100 && rng.chance(0.5)
        ? smallNumberWords(value)
        : value.toLocaleString('en-US');
    return rng.pick([`It's ${spoken}.`, `About ${spoken}, I'd say.`, `${spoken}.`]);
  }
  switch (field.type) {
    case 'date': {
      const date = DateTime.fromISO(value, { zone: 'UTC' });
      return date.isValid ? `Let's say ${date.toFormat('MMMM d, yyyy')}.` : `Let's say ${value}.`;
    }
    case 'datetime': {
      const at = DateTime.fromISO(value, { setZone: true });
      return at.isValid
        ? `How about ${at.toFormat('MMMM d, yyyy')} at ${at.toFormat('h:mm a')}?`
        : `How about ${value}?`;
    }
    case 'enum':
      return rng.pick([`I'd go with ${value}.`, `${value.charAt(0).toUpperCase()}${value.slice(1)}, please.`]);
    default:
      if (hints(field, 'email', 'mail')) return `Sure, it's ${value}.`;
      if (hints(field, 'name') && !hints(field, 'company')) return `My name is ${value}.`;
      return `Well, it's ${value}.`;
  }
}
