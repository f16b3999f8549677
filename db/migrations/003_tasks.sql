-- Read model of supervised tasks (督办任务). Temporal holds where each task stands; these rows are what
-- lists and dashboards read. Activities write them idempotently: the task row keeps the highest workflow
-- version it has seen, timeline entries are keyed by workflow id + step.
CREATE TABLE tasks (
  id                    text PRIMARY KEY,
  workflow_id           text NOT NULL UNIQUE,
  org_id                text NOT NULL REFERENCES organisations (id),
  cycle_id              text,
  type                  text NOT NULL,
  type_name             text NOT NULL,
  title                 text NOT NULL,
  lead_unit_id          text NOT NULL REFERENCES units (id),
  co_unit_ids           text[] NOT NULL DEFAULT '{}',
  leader_id             text NOT NULL REFERENCES people (id),
  requirements          text NOT NULL,
  standard              text NOT NULL,
  time_limit            jsonb NOT NULL,
  extension_decided_by  text NOT NULL,
  due_date              date,
  original_due_date     date,
  due_at                timestamptz,
  provisional           boolean NOT NULL DEFAULT false,
  state                 text NOT NULL,
  light                 text NOT NULL CHECK (light IN ('GREEN', 'YELLOW', 'RED', 'NONE')),
  rung                  smallint NOT NULL DEFAULT 0,
  signed_at             timestamptz,
  last_progress_at      timestamptz,
  submitted_at          timestamptz,
  accepted_at           timestamptz,
  rating                text,
  late_working_days     integer NOT NULL DEFAULT 0,
  urgings               integer NOT NULL DEFAULT 0,
  returns               integer NOT NULL DEFAULT 0,
  extensions_approved   integer NOT NULL DEFAULT 0,
  extensions_denied     integer NOT NULL DEFAULT 0,
  pending_extension     jsonb,
  co_unit_reports       jsonb NOT NULL DEFAULT '{}',
  co_unit_gate_overridden boolean NOT NULL DEFAULT false,
  version               integer NOT NULL,
  created_by            text NOT NULL REFERENCES people (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_org_due ON tasks (org_id, due_date);
CREATE INDEX tasks_lead_unit ON tasks (lead_unit_id, state);
CREATE INDEX tasks_co_units ON tasks USING gin (co_unit_ids);
CREATE INDEX tasks_leader ON tasks (leader_id);
CREATE INDEX tasks_open ON tasks (org_id, light) WHERE state NOT IN ('ACCEPTED', 'CANCELLED');

CREATE TABLE task_timeline (
  id          bigserial PRIMARY KEY,
  task_id     text NOT NULL REFERENCES tasks (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workflow_id, step)
);
CREATE INDEX task_timeline_task ON task_timeline (task_id, id);

-- L3 of the escalation ladder refers the task for accountability (责任追究); the case procedure reads these.
CREATE TABLE accountability_referrals (
  id          bigserial PRIMARY KEY,
  org_id      text NOT NULL,
  task_id     text NOT NULL REFERENCES tasks (id),
  unit_id     text NOT NULL,
  leader_id   text NOT NULL,
  due_date    date NOT NULL,
  workflow_id text NOT NULL,
  step        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workflow_id, step)
);
