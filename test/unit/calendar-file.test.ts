import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CalendarFileError, parseCalendarFile } from '../../db/calendar-file';
import { fileProblemsKit } from '../support/file-problems';

const shippedDir = path.join(__dirname, '../../db/calendar');

// A small valid YAML table; each test changes a line or two and expects the problem at that line.
const validLines = [
  'year: 2027', // 1
  'source: 国务院办公厅关于2027年部分节假日安排的通知', // 2
  'holidays:', // 3
  '  - { date: 2027-01-01, name: 元旦 }', // 4
  '  - { date: 2027-02-08, name: 春节 }', // 5
  'workdays:', // 6
  '  - { date: 2027-02-06, name: 春节调休 }', // 7
];

const { fileWith, problemsOf } = fileProblemsKit(validLines, parseCalendarFile, CalendarFileError);

describe('the shipped calendar files', () => {
  it.each(readdirSync(shippedDir).filter((f) => f.endsWith('.json')))('%s is a valid table of its year', (file) => {
    const table = parseCalendarFile(readFileSync(path.join(shippedDir, file), 'utf8'), file);

    expect(file).toBe(`cn-${table.year}.json`);
    expect(table.holidays.length).toBeGreaterThan(0);
  });

  it('ships 2024, 2025 and 2026', () => {
    expect(readdirSync(shippedDir).sort()).toEqual(['cn-2024.json', 'cn-2025.json', 'cn-2026.json']);
  });
});

describe('a calendar file', () => {
  it('is read from YAML with unquoted dates, each list in date order', () => {
    const table = parseCalendarFile(fileWith({ 4: '  - { date: 2027-02-09, name: 春节 }' }), 'test.yaml');

    expect(table).toEqual({
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [
        { date: '2027-02-08', name: '春节' },
        { date: '2027-02-09', name: '春节' },
      ],
      workdays: [{ date: '2027-02-06', name: '春节调休' }],
    });
  });

  it('may have no make-up workdays, but must say so', () => {
    expect(parseCalendarFile(fileWith({ 6: 'workdays: []', 7: '' }), 't').workdays).toEqual([]);
    expect(problemsOf(fileWith({ 6: '', 7: '' }))).toEqual([
      expect.objectContaining({ path: 'workdays', message: 'required field is missing' }),
    ]);
  });

  it('names a date outside its year', () => {
    expect(problemsOf(fileWith({ 4: '  - { date: 2026-12-31, name: 元旦 }' }))).toEqual([
      { line: 4, column: 7, path: 'holidays[0].date', message: '2026-12-31 is not in 2027' },
    ]);
  });

  it('names a date that does not exist', () => {
    expect(problemsOf(fileWith({ 5: '  - { date: 2027-02-29, name: 春节 }' }))).toEqual([
      expect.objectContaining({ line: 5, path: 'holidays[1].date' }),
    ]);
  });

  it('names a date listed twice, and one listed both as a holiday and a workday', () => {
    const problems = problemsOf(
      fileWith({ 5: '  - { date: 2027-01-01, name: 元旦 }', 7: '  - { date: 2027-01-01, name: 元旦调休 }' }),
    );

    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['holidays[1].date', '2027-01-01 is already listed as holidays[0]'],
      ['workdays[0].date', '2027-01-01 is already listed as holidays[0]'],
      ['workdays[0].date', expect.stringContaining('is a weekday')],
    ]);
  });

  it('names a make-up workday that is not a Saturday or Sunday', () => {
    expect(problemsOf(fileWith({ 7: '  - { date: 2027-02-05, name: 春节调休 }' }))).toEqual([
      expect.objectContaining({ line: 7, path: 'workdays[0].date', message: expect.stringContaining('weekday') }),
    ]);
  });

  it('names an empty or over-long name', () => {
    const problems = problemsOf(
      fileWith({ 4: '  - { date: 2027-01-01, name: "" }', 7: `  - { date: 2027-02-06, name: ${'长'.repeat(51)} }` }),
    );

    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['holidays[0].name', 'must not be empty'],
      ['workdays[0].name', 'must be at most 50 characters'],
    ]);
  });

  it('names an unknown field and a year that is not a whole number', () => {
    const problems = problemsOf(fileWith({ 1: 'year: 2027.5', 4: '  - { date: 2027-01-01, name: 元旦, kind: X }' }));

    expect(problems.map((p) => p.path)).toEqual(['year', 'holidays[0].kind']);
  });

  it('names a source with a NUL character, which the database could not store', () => {
    const json = JSON.stringify({ year: 2027, source: 'a\u0000b', holidays: [], workdays: [] });

    expect(problemsOf(json)).toEqual([
      expect.objectContaining({ path: 'source', message: expect.stringContaining('NUL') }),
    ]);
  });

  it('names what is wrong in JSON too', () => {
    const json = JSON.stringify({ year: 2027, source: 's', holidays: [{ date: '2027-13-01', name: '元旦' }] });

    expect(
      problemsOf(json)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['holidays[0].date', 'workdays']);
  });

  it('refuses a file that is not a mapping, or not YAML at all', () => {
    expect(problemsOf('- 2027\n')).toEqual([
      expect.objectContaining({ path: '(file)', message: expect.stringContaining('year, source, holidays, workdays') }),
    ]);
    expect(problemsOf('year: [2027\n')[0]).toMatchObject({ path: '(yaml)' });
  });
});
