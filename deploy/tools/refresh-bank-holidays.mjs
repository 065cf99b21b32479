#!/usr/bin/env node
// `npm run calendar:refresh`: refreshes libs/calendar/src/data/bank-holidays.json from GOV.UK's
// official list (BANK_HOLIDAYS_URL, default https://www.gov.uk/bank-holidays.json). England and Wales
// only; past dates already shipped are kept (GOV.UK drops old years); the result is checked before
// it is written. Then `npm test` (libs/calendar checks the list against the statutory rules and
// that 12 months remain) and commit the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE =
  process.env.BANK_HOLIDAYS_FILE ??
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'libs', 'calendar', 'src', 'data', 'bank-holidays.json');
const URL_ = process.env.BANK_HOLIDAYS_URL ?? 'https://www.gov.uk/bank-holidays.json';
const DIVISION = 'england-and-wales';

function fail(message) {
  console.error(`calendar:refresh: ${message}`);
  process.exit(1);
}

function checkEvent(event) {
  const ok =
    event &&
    typeof event.title === 'string' &&
    typeof event.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(event.date) &&
    !Number.isNaN(Date.parse(`${event.date}T00:00:00Z`));
  if (!ok) fail(`unexpected entry in the ${DIVISION} list: ${JSON.stringify(event)}`);
  return {
    title: event.title,
    date: event.date,
    notes: typeof event.notes === 'string' ? event.notes : '',
    bunting: Boolean(event.bunting),
  };
}

let fetched;
try {
  const response = await fetch(URL_, { signal: AbortSignal.timeout(15000), headers: { accept: 'application/json' } });
  if (!response.ok) fail(`${URL_} answered ${response.status} ${response.statusText}`);
  fetched = await response.json();
} catch (error) {
  fail(`could not fetch ${URL_}: ${error.cause?.message ?? error.message}. The shipped list is unchanged.`);
}
const incoming = fetched?.[DIVISION]?.events;
if (!Array.isArray(incoming) || incoming.length === 0) fail(`${URL_} has no "${DIVISION}.events" list`);

const current = JSON.parse(readFileSync(FILE, 'utf8'))[DIVISION].events;
const byDate = new Map(current.map((event) => [event.date, event]));
const fetchedYears = new Set(incoming.map((event) => event.date.slice(0, 4)));
// GOV.UK is the authority for every year it lists: drop our dates of those years first, so a
// cancelled or moved holiday goes; keep the years it no longer lists.
for (const date of [...byDate.keys()]) if (fetchedYears.has(date.slice(0, 4))) byDate.delete(date);
for (const event of incoming.map(checkEvent)) byDate.set(event.date, event);
const events = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));

writeFileSync(FILE, `${JSON.stringify({ [DIVISION]: { division: DIVISION, events } }, null, 2)}\n`);
const last = events[events.length - 1].date;
console.log(`calendar:refresh: ${events.length} England and Wales bank holidays, ${events[0].date} to ${last}, written to ${FILE}`);
