#!/usr/bin/env node
// What the committed workflow histories (test/histories/<type>/<generation>/*.json, recorded from the workflow tests
// on the time-skipping server, so every timer of a life fires at its instant) cost per run: events, bytes of the
// JSON file, workflow tasks, timers fired, and an estimate of Temporal Cloud Actions (starts, activities, local
// activities, timers, updates, signals, search-attribute upserts, child starts, external signals). Figures for
// docs/scaling.md. Usage: node scripts/measure-histories.mjs [generation] (default: the newest generation folder).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'histories');
const types = readdirSync(root).filter((d) => statSync(path.join(root, d)).isDirectory());

/** The generation committed last (its folder's newest commit), unless named. */
function newestGeneration() {
  const generations = new Set();
  for (const t of types) {
    for (const g of readdirSync(path.join(root, t))) {
      if (statSync(path.join(root, t, g)).isDirectory()) generations.add(g);
    }
  }
  const committedAt = (g) => {
    try {
      const out = execFileSync(
        'git',
        ['log', '-1', '--format=%ct', '--', ...types.map((t) => `test/histories/${t}/${g}`)],
        {
          cwd: path.join(root, '..', '..'),
        },
      );
      return Number(String(out).trim()) || 0;
    } catch {
      return 0;
    }
  };
  return [...generations].sort((a, b) => committedAt(b) - committedAt(a) || b.localeCompare(a))[0];
}

const generation = process.argv[2] ?? newestGeneration();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ACTION_EVENTS = [
  'WORKFLOW_EXECUTION_STARTED',
  'ACTIVITY_TASK_SCHEDULED',
  'TIMER_STARTED',
  'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  'WORKFLOW_EXECUTION_SIGNALED',
  'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
  'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED',
];

const rows = [];
for (const type of types) {
  const dir = path.join(root, type, generation);
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    continue;
  }
  const runs = files.map((f) => {
    const file = path.join(dir, f);
    const events = JSON.parse(readFileSync(file, 'utf8')).events;
    const count = (t) => events.filter((e) => e.eventType === `EVENT_TYPE_${t}`).length;
    const localActivities = events.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    ).length;
    return {
      events: events.length,
      bytes: statSync(file).size,
      workflowTasks: count('WORKFLOW_TASK_COMPLETED'),
      timersFired: count('TIMER_FIRED'),
      actions: ACTION_EVENTS.reduce((n, t) => n + count(t), 0) + localActivities,
      closed: /COMPLETED|TERMINATED|CONTINUED_AS_NEW|FAILED|CANCELED|TIMED_OUT/.test(events.at(-1).eventType),
    };
  });
  const of = (k) => runs.map((r) => r[k]);
  rows.push({
    type,
    runs: runs.length,
    closed: runs.filter((r) => r.closed).length,
    'events median': median(of('events')),
    'events max': Math.max(...of('events')),
    'KB median': Math.round(median(of('bytes')) / 1024),
    'KB max': Math.round(Math.max(...of('bytes')) / 1024),
    'workflow tasks median': median(of('workflowTasks')),
    'timers fired max': Math.max(...of('timersFired')),
    'actions median': median(of('actions')),
    'actions max': Math.max(...of('actions')),
  });
}
console.log(`generation ${generation} (test/histories/*/${generation}/)`);
console.table(rows);
