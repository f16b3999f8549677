import type { CalendarYear } from './types';

/** A year's working-day table as its form holds it: the days one a line, 「2027-10-01 国庆节」. */
export interface CalendarDraft {
  year: string;
  source: string;
  holidays: string;
  workdays: string;
}

const asLines = (days: CalendarYear['holidays']): string => days.map((d) => `${d.date} ${d.name}`).join('\n');

/** The table in force as the form's start (its year, source and days). */
export const toCalendarDraft = (c: CalendarYear): CalendarDraft => ({
  year: String(c.year),
  source: c.source,
  holidays: asLines(c.holidays),
  workdays: asLines(c.workdays),
});

/** 「2027-10-01 国庆节」 (a space, tab, comma or colon after the date) as a day; a line without a name keeps ''. */
const asDays = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, date = line, name = ''] = /^(\S+?)[\s,，:：]+(.*)$/.exec(line) ?? [];
      return { date, name: name.trim() };
    });

/** The form as the body of PUT /v1/calendar/{year} and its preview: the API says what is wrong with it. */
export const fromCalendarDraft = (d: CalendarDraft) => ({
  year: Number(d.year),
  source: d.source.trim(),
  holidays: asDays(d.holidays),
  workdays: asDays(d.workdays),
});
