#!/usr/bin/env node
// Writes the official working-day tables that Heli ships, db/calendar/cn-<year>.json, from the holiday and make-up
// workday (调休) data of the chinese-days package (a devDependency: Heli itself never imports it; the calendar
// is data, loaded at start-up and replaceable at run time with `npx heli calendar load`).
//
//   node scripts/export-calendar.mjs [year ...]     default: 2024 2025 2026
//
// A year the package has no table for is an error, not an empty file: an empty table would claim that the
// year has no holidays at all.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { version } = require('chinese-days/package.json');
/** { holidays: { 'YYYY-MM-DD': 'English name,中文名,days' }, workdays: { ... }, inLieuDays: { ... } } */
const data = require('chinese-days/dist/chinese-days.json');

const years = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [2024, 2025, 2026];

/** The days of one year in one of the package's lists, by date, with the Chinese name of their festival. */
function daysOf(list, year, suffix = '') {
  return Object.entries(list)
    .filter(([date]) => date.startsWith(`${year}-`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, value]) => {
      const name = value.split(',')[1]?.trim();
      if (!name) throw new Error(`chinese-days ${version}: no Chinese name for ${date} in "${value}"`);
      return { date, name: `${name}${suffix}` };
    });
}

/** JSON with one day per line, as Prettier leaves it. */
function format(table) {
  const day = (d) => `    { "date": ${JSON.stringify(d.date)}, "name": ${JSON.stringify(d.name)} }`;
  const list = (days) => (days.length === 0 ? '[]' : `[\n${days.map(day).join(',\n')}\n  ]`);
  return [
    '{',
    `  "year": ${table.year},`,
    `  "source": ${JSON.stringify(table.source)},`,
    `  "holidays": ${list(table.holidays)},`,
    `  "workdays": ${list(table.workdays)}`,
    '}',
    '',
  ].join('\n');
}

for (const year of years) {
  if (!Number.isInteger(year)) throw new Error(`not a year: ${year}`);
  const holidays = daysOf(data.holidays, year);
  if (holidays.length === 0) throw new Error(`chinese-days ${version} has no table for ${year}`);
  const table = {
    year,
    source: `State Council notice via chinese-days ${version}`,
    holidays,
    workdays: daysOf(data.workdays, year, '调休'),
  };
  const file = path.join(root, 'db', 'calendar', `cn-${year}.json`);
  writeFileSync(file, format(table));
  console.log(`${path.relative(root, file)}: ${holidays.length} holidays, ${table.workdays.length} make-up workdays`);
}
