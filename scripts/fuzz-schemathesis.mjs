// Schemathesis for scripts/fuzz.mjs: its configuration, its command line, and reading its reports back.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Bounded and seeded, so a CI run is reproducible and takes a predictable time.
const OPTIONS = '--checks all --max-examples 25 --seed 20260101 --workers 1 --request-timeout 10 --no-color';
const REPORTS = { junit: 'junit.xml', ndjson: 'events.ndjson', json: 'report.json' };

/**
 * Random ids never name an existing unit, leader or task, so the core logic would go untested: id fields
 * draw from the example organisation and the seeded tasks in 3 of 4 cases. (JSON arrays of ids are TOML.)
 */
export function writeSchemathesisConfig(file, taskIds) {
  const org = require('yaml').parse(readFileSync(path.join(root, 'examples', 'organisation.yaml'), 'utf8'));
  const dictionaries = {
    units: org.units.map((u) => u.id),
    zones: org.zones.map((z) => z.id),
    people: org.people.map((p) => p.id),
    leaders: org.people.filter((p) => p.roles.includes('LEADER')).map((p) => p.id),
    tasks: taskIds,
  };
  const bindings = {
    ...{ 'body.leadUnitId': 'units', 'body.coUnitIds[*]': 'units', 'body.leaderId': 'leaders', 'path.id': 'tasks' },
    ...{ 'query.unit': 'units', 'query.zone': 'zones', 'query.actorId': 'people', 'query.objectId': 'tasks' },
  };
  const lines = Object.entries(dictionaries)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => `[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`);
  lines.push('[parameters]');
  for (const [parameter, name] of Object.entries(bindings)) {
    if (dictionaries[name].length > 0) lines.push(`"${parameter}" = { dictionary = "${name}", probability = 0.75 }`);
  }
  // 422 answers an Idempotency-Key reused with another body (documented); the generator reuses short keys. 415
  // answers an uploaded file whose content is of no accepted type: a schema says "binary", never which bytes.
  lines.push('\n[checks.positive_data_acceptance]');
  lines.push('expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "415", "422", "429", "5xx"]');
  // A body beyond the size limit (its arrays longer than their maxItems, its strings long) is refused whole with 413
  // before its schema is read: a rejection of invalid data as good as a 400.
  lines.push('\n[checks.negative_data_rejection]');
  lines.push(
    'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]',
  );
  // Crash files for `st replay` name a server that is gone after the run.
  lines.push('\n[cache]\nenabled = false');
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The arguments of `st` for one token, writing its reports into `dir`. */
export function schemathesisArgs({ apiUrl, token, configFile, dir }) {
  return [
    ...['--config-file', configFile, 'run', `${apiUrl}/openapi.json`, '--url', apiUrl],
    ...['-H', `Authorization: Bearer ${token}`, ...OPTIONS.split(' '), '--generation-database', 'none'],
    ...['--report', Object.keys(REPORTS).join(',')],
    ...Object.entries(REPORTS).flatMap(([kind, file]) => [`--report-${kind}-path`, path.join(dir, file)]),
  ];
}

/** Requests sent (generated cases and the checks' own probes) and failed checks, from the event log. */
function readEvents(ndjsonFile) {
  let requests = 0;
  const byCheck = {};
  for (const line of readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const { recorder } = JSON.parse(line).ScenarioFinished;
    requests += Object.values(recorder.interactions ?? {}).filter((i) => i.request).length;
    for (const check of Object.values(recorder.checks ?? {}).flat()) {
      if (check.status === 'failure') byCheck[check.name] = (byCheck[check.name] ?? 0) + 1;
    }
  }
  return { requests, byCheck };
}

const unescapeXml = (text) =>
  text
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|quot|apos);/g, (_m, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'" })[e])
    .replace(/&amp;/g, '&');

/** Each JUnit test case (an operation, or the stateful scenario) with Schemathesis's text of its failures. */
function readTestCases(junitFile) {
  const testCases = [];
  const xml = readFileSync(junitFile, 'utf8');
  for (const [, name, body = ''] of xml.matchAll(/<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const failures = [...body.matchAll(/<(failure|error)\b([^>]*)>([\s\S]*?)<\/\1>/g)].map(([, kind, attrs, text]) => ({
      kind,
      codes: unescapeXml(/message="([^"]*)"/.exec(attrs)?.[1] ?? ''),
      text: unescapeXml(text).trim(),
    }));
    testCases.push({ name: unescapeXml(name), failures });
  }
  return testCases;
}

/** What one `st run` found, from the reports it wrote into `dir`. */
export function readRun(dir) {
  const report = JSON.parse(readFileSync(path.join(dir, REPORTS.json), 'utf8'));
  return {
    operations: report.operations?.tested ?? 0,
    ...readEvents(path.join(dir, REPORTS.ndjson)),
    testCases: readTestCases(path.join(dir, REPORTS.junit)),
    errors: report.errors,
    untested: report.warnings?.missing_test_data ?? [],
  };
}
