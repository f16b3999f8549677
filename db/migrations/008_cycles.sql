-- Annual cycles (年度周期, DOMAIN.md "The annual cycle"). Temporal's `annualCycle` workflow holds where each cycle
-- stands; these rows are its read model, written by its activities keyed by workflow id + step.
CREATE TABLE cycles (
  id               text PRIMARY KEY,
  workflow_id      text NOT NULL UNIQUE,
  org_id           text NOT NULL REFERENCES organisations (id),
  year             integer NOT NULL,
  phase            text NOT NULL CHECK (phase IN ('PLANNING', 'DECOMPOSING', 'RUNNING', 'CLOSED')),
  plan_version     integer,
  approved_version integer,
  plan_due_date    date,
  tasks_planned    integer NOT NULL DEFAULT 0,
  tasks_started    integer NOT NULL DEFAULT 0,
  settings         jsonb NOT NULL,
  opened_by        text,
  opened_at        timestamptz NOT NULL,
  approved_by      text,
  approved_at      timestamptz,
  closed_at        timestamptz,
  version          integer NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year)
);

-- Every plan the office submitted for a cycle, as validated; the cycle workflow names the one in force.
CREATE TABLE cycle_plans (
  cycle_id     text NOT NULL REFERENCES cycles (id),
  version      integer NOT NULL,
  content      jsonb NOT NULL,
  task_count   integer NOT NULL,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, version)
);

-- The plan's tasks in the order the cycle starts them: the decomposition reads them a batch at a time.
CREATE TABLE cycle_plan_tasks (
  cycle_id text NOT NULL,
  version  integer NOT NULL,
  seq      integer NOT NULL,
  task_id  text NOT NULL,
  goal_id  text NOT NULL,
  input    jsonb NOT NULL,
  PRIMARY KEY (cycle_id, version, seq),
  FOREIGN KEY (cycle_id, version) REFERENCES cycle_plans (cycle_id, version)
);

CREATE TABLE cycle_timeline (
  id          bigserial PRIMARY KEY,
  cycle_id    text NOT NULL REFERENCES cycles (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workflow_id, step)
);
CREATE INDEX cycle_timeline_cycle ON cycle_timeline (cycle_id, id);

-- The goal (目标) a task of a plan serves; tasks added later (meeting resolutions, office additions) have none.
ALTER TABLE tasks ADD COLUMN goal_id text;
CREATE INDEX tasks_cycle ON tasks (cycle_id, lead_unit_id) WHERE cycle_id IS NOT NULL;
