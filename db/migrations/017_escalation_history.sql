-- The escalation history (督办升级记录, DOMAIN.md "Escalation ladder"): one row per rung a task climbed, written in
-- the same transaction as the step that climbed it and keyed like it, by workflow id + step, so a retried or
-- replayed step adds nothing. The task's `rung` column is the state now, and a return for rework with a new time
-- limit (退回重办) resets it to 0; bulletins and the assessment count these rows instead, so an escalation that
-- happened stays on the record. `unit_id` is the lead unit when the rung was climbed (a later reassignment does
-- not move it), `due_date` the deadline in force that lapsed.
CREATE TABLE task_escalations (
  workflow_id text NOT NULL,
  step        text NOT NULL,
  org_id      text NOT NULL REFERENCES organisations (id),
  task_id     text NOT NULL REFERENCES tasks (id),
  cycle_id    text,
  unit_id     text NOT NULL,
  rung        smallint NOT NULL CHECK (rung BETWEEN 1 AND 3),
  due_date    date,
  at          timestamptz NOT NULL,
  PRIMARY KEY (workflow_id, step)
);
CREATE INDEX task_escalations_org_at ON task_escalations (org_id, at);
CREATE INDEX task_escalations_task ON task_escalations (task_id, rung);

-- Backfill from the timeline entries recorded so far. The lead unit at the time: the unit a later reassignment
-- (its audit row names the previous lead unit) moved the task away from, else the lead unit now. The lapsed
-- deadline was not recorded with the entry: left unknown.
INSERT INTO task_escalations (workflow_id, step, org_id, task_id, cycle_id, unit_id, rung, due_date, at)
SELECT tl.workflow_id, tl.step, t.org_id, t.id, t.cycle_id,
       coalesce((SELECT a.payload->>'previousLeadUnitId'
                   FROM task_timeline r JOIN audit_log a ON a.workflow_id = r.workflow_id AND a.step = r.step
                  WHERE r.task_id = tl.task_id AND r.kind = 'REASSIGNED' AND r.id > tl.id
                  ORDER BY r.id LIMIT 1), t.lead_unit_id),
       right(tl.kind, 1)::smallint, NULL, tl.at
  FROM task_timeline tl JOIN tasks t ON t.id = tl.task_id
 WHERE tl.kind IN ('ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3')
ON CONFLICT (workflow_id, step) DO NOTHING;
