// What a run left behind, normalised so that two runs of the same scenario compare equal: no row ids, times,
// request ids or message texts (they carry times and the status report of the moment), only what happened to
// what, by whom, at which workflow step. Both runs use the same Idempotency-Keys, hence the same task ids; an L3
// case is named by its task.

/** Rows keyed by what must be unique; `rows` are the normalised tuples, compared as multisets. */
const QUERIES = {
  tasks: `SELECT id, state, rung, cycle_id FROM tasks ORDER BY id`,
  taskTimeline: `SELECT workflow_id, step, kind, actor_id FROM task_timeline`,
  meetings: `SELECT id, kind, state FROM meetings ORDER BY id`,
  attendance: `SELECT meeting_id, unit_id, status, answer, answered_by, (urged_at IS NOT NULL) AS urged FROM meeting_attendance`,
  resolutions: `SELECT meeting_id, seq, task_id FROM meeting_resolutions`,
  meetingTimeline: `SELECT workflow_id, step, kind, actor_id FROM meeting_timeline`,
  cycleTimeline: `SELECT workflow_id, step, kind, actor_id FROM cycle_timeline`,
  notifications: `SELECT workflow_id, step, person_id, kind, task_id FROM notifications`,
  webhookEvents: `SELECT workflow_id, step, unit_id, kind FROM webhook_events`,
  // One per notice, person and channel; every one sent once the run has drained them (scripts/faults/mailbox.mjs).
  deliveries: `SELECT n.workflow_id, n.step, d.person_id, d.channel, d.state
               FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id`,
  // Refusals are left out: a request refused as "not yet" and retried is audited as refused, rightly. So are the
  // organisation loads of each API start.
  audit: `SELECT action, object_type, object_id, actor_id, workflow_id, step FROM audit_log
          WHERE outcome = 'DONE' AND coalesce(actor_id, '') <> 'system:start' AND action NOT LIKE 'org.%'
            AND action NOT LIKE 'calendar.%' AND action NOT LIKE 'token.%'`,
};

/** The tasks' states, rungs and cycles now: the `tasks` table of a snapshot. */
export async function taskStates(db) {
  return (await db.query(QUERIES.tasks)).rows;
}

/** Columns that must not repeat within a table (the step keys the activities write by). */
const UNIQUE = {
  taskTimeline: ['workflow_id', 'step'],
  meetingTimeline: ['workflow_id', 'step'],
  cycleTimeline: ['workflow_id', 'step'],
  notifications: ['workflow_id', 'step', 'person_id'],
  webhookEvents: ['workflow_id', 'step', 'unit_id'],
  deliveries: ['workflow_id', 'step', 'person_id', 'channel'],
  audit: ['workflow_id', 'step'],
};

const key = (row) => JSON.stringify(row);

/**
 * A meeting numbers its steps in the order things happen (`3-confirmed`); the four answers are sent at once, so
 * their order, and the numbers, may differ between runs. Compared without the number (checked unique with it).
 */
const normalise = (row) =>
  typeof row.workflow_id === 'string' && row.workflow_id.startsWith('meeting:') && typeof row.step === 'string'
    ? { ...row, step: row.step.replace(/^\d+-/, '#-') }
    : row;

/**
 * An L3 case's id is made by its task's workflow (`c-<uuid>`), differently in each run: named here by the task whose
 * referral opened it, so that both runs name it alike wherever it appears (workflow ids, audit objects).
 */
const CASE_ID = /c-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function caseNames(db) {
  const { rows } = await db.query('SELECT case_id, task_id FROM accountability_referrals WHERE case_id IS NOT NULL');
  const names = new Map(rows.map((r) => [r.case_id, `l3-case-of-${r.task_id}`]));
  const rename = (value) => (typeof value === 'string' ? value.replace(CASE_ID, (id) => names.get(id) ?? id) : value);
  return (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, rename(v)]));
}

const NOTICE_WORKFLOWS = new Set(['noticeDelivery', 'noticeDigest']);

/** Reads the read model and Temporal's visibility of one run. */
export async function snapshot(db, temporal) {
  const named = await caseNames(db);
  const tables = {};
  for (const [name, text] of Object.entries(QUERIES)) tables[name] = (await db.query(text)).rows.map(named);
  const workflows = [];
  for await (const wf of temporal.workflow.list()) {
    // A delivery's workflow is named by a hash of its notification's id, which an L3 case's id (different in each
    // run) can enter: deliveries are compared by their rows instead (`deliveries`: step, person, channel, state).
    if (NOTICE_WORKFLOWS.has(wf.type)) continue;
    workflows.push(named({ id: wf.workflowId, type: wf.type, status: wf.status.name }));
  }
  workflows.sort((a, b) => a.id.localeCompare(b.id));
  const taskCount = (await temporal.workflow.count('WorkflowType = "supervisedTask"')).count;
  return { tables, workflows, visibleTasks: taskCount };
}

/** Rows that share a unique key (null keys, e.g. API-written audit rows without a step, are not keys). */
export function duplicates(snap) {
  const found = [];
  for (const [name, columns] of Object.entries(UNIQUE)) {
    const seen = new Map();
    for (const row of snap.tables[name]) {
      if (columns.some((c) => row[c] === null)) continue;
      const k = key(columns.map((c) => row[c]));
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    for (const [k, n] of seen) if (n > 1) found.push(`${name}: ${k} ${n} times`);
  }
  return found;
}

/** Differences between the reference and the disturbed run: rows missing, rows extra, workflows that differ. */
export function differences(reference, run) {
  const diffs = [];
  let compared = 0;
  for (const name of Object.keys(QUERIES)) {
    const count = (rows) => {
      const m = new Map();
      for (const r of rows.map(normalise)) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    const want = count(reference.tables[name]);
    const got = count(run.tables[name]);
    compared += run.tables[name].length;
    for (const [k, n] of want)
      if ((got.get(k) ?? 0) < n) diffs.push(`${name}: missing ${k} (${n - (got.get(k) ?? 0)}x)`);
    for (const [k, n] of got)
      if ((want.get(k) ?? 0) < n) diffs.push(`${name}: extra ${k} (${n - (want.get(k) ?? 0)}x)`);
  }
  const wanted = new Map(reference.workflows.map((w) => [w.id, w]));
  for (const w of run.workflows) {
    const ref = wanted.get(w.id);
    if (!ref) diffs.push(`workflow ${w.id} (${w.type}) is not in the reference run`);
    else if (ref.status !== w.status) diffs.push(`workflow ${w.id}: ${w.status}, reference ${ref.status}`);
    wanted.delete(w.id);
  }
  for (const w of wanted.values()) diffs.push(`workflow ${w.id} (${w.type}) is missing`);
  compared += run.workflows.length;
  return { diffs, compared };
}

/** Row counts per table, for the summary. */
export const rowCounts = (snap) => Object.fromEntries(Object.entries(snap.tables).map(([k, v]) => [k, v.length]));
