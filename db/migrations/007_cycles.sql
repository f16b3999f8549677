-- Read model of annual cycles (年度周期, DOMAIN.md "The annual cycle"): one per organisation and year. The
-- cycle workflow is the source of truth; activities keep this row and its plan current, keyed by version.
CREATE TABLE cycles (
  id                text PRIMARY KEY,
  org_id            text NOT NULL REFERENCES organisations (id),
  year              integer NOT NULL,
  workflow_id       text NOT NULL UNIQUE,
  phase             text NOT NULL,
  approval_due_date date NOT NULL,
  plan              jsonb,
  plan_revision     integer NOT NULL DEFAULT 0,
  approved_at       timestamptz,
  approved_by       text,
  tasks_planned     integer NOT NULL DEFAULT 0,
  tasks_started     integer NOT NULL DEFAULT 0,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year)
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
CREATE INDEX tasks_cycle ON tasks (cycle_id) WHERE cycle_id IS NOT NULL;

-- Every plan revision the office submitted, as validated: the goals and the task blueprints (four-in-place,
-- type policy, deterministic task id). The cycle workflow decomposes the revision the group approved.
CREATE TABLE cycle_plans (
  cycle_id     text NOT NULL REFERENCES cycles (id),
  revision     integer NOT NULL,
  goals        jsonb NOT NULL,
  tasks        jsonb NOT NULL,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, revision)
);
