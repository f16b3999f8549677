-- Accountability cases (责任追究, DOMAIN.md "The annual cycle" step 7). Temporal's `accountabilityCase` workflow holds
-- where each case stands; these rows are its read model, written by its activities keyed by workflow id + step: the
-- case row moves forward by version, timeline entries are written once, at the workflow's time.
CREATE TABLE accountability_cases (
  id              text PRIMARY KEY,
  workflow_id     text NOT NULL UNIQUE,
  org_id          text NOT NULL REFERENCES organisations (id),
  cycle_id        text REFERENCES cycles (id),
  unit_id         text NOT NULL REFERENCES units (id),
  -- The responsible leader the case names; the unit's own responsible leader (units.leader_id) sees it too.
  leader_id       text REFERENCES people (id),
  -- Why it was opened: L3 (a task's top escalation rung), ASSESSMENT (a failing score) or OFFICE (the office's finding).
  source_kind     text NOT NULL CHECK (source_kind IN ('L3', 'ASSESSMENT', 'OFFICE')),
  source          jsonb NOT NULL,
  policy          jsonb NOT NULL,
  opened_by       text,
  opened_at       timestamptz NOT NULL,
  state           text NOT NULL CHECK (state IN ('OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED')),
  -- The written statement (说明情况): due by statement_due_at; after escalate_at a missing one goes to the group.
  statement_due_at timestamptz NOT NULL,
  escalate_at     timestamptz NOT NULL,
  statement       text,
  statement_by    text,
  statement_at    timestamptz,
  statement_late  boolean NOT NULL DEFAULT false,
  overdue_at      timestamptz,
  escalated_at    timestamptz,
  -- The office's decision: a configured measure (处理措施), its basis (处理依据) and the people it names.
  measure         text,
  measure_name    text,
  basis           text,
  persons         text[] NOT NULL DEFAULT '{}',
  decided_by      text,
  decided_at      timestamptz,
  decided_without_statement boolean NOT NULL DEFAULT false,
  closed_at       timestamptz,
  version         integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accountability_cases_org ON accountability_cases (org_id, opened_at DESC);
CREATE INDEX accountability_cases_unit ON accountability_cases (unit_id);
CREATE INDEX accountability_cases_leader ON accountability_cases (leader_id);
CREATE INDEX accountability_cases_cycle ON accountability_cases (cycle_id);

CREATE TABLE case_timeline (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL REFERENCES accountability_cases (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

-- The case a task's L3 referral became, once opened.
ALTER TABLE accountability_referrals ADD COLUMN case_id text REFERENCES accountability_cases (id);
