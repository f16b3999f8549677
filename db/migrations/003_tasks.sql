-- Read model of supervised tasks (督办任务). Temporal holds where each task stands; these rows are
-- what lists and dashboards read, written idempotently by activities keyed by workflow id + step.
CREATE TABLE tasks (
  id           text PRIMARY KEY,
  workflow_id  text NOT NULL UNIQUE,
  org_id       text NOT NULL REFERENCES organisations (id),
  title        text NOT NULL,
  lead_unit_id text NOT NULL REFERENCES units (id),
  co_unit_ids  text[] NOT NULL DEFAULT '{}',
  leader_id    text NOT NULL REFERENCES people (id),
  requirements text NOT NULL,
  standard     text NOT NULL,
  due_date     date NOT NULL,
  due_at       timestamptz NOT NULL,
  state        text NOT NULL,
  light        text NOT NULL CHECK (light IN ('GREEN', 'YELLOW', 'RED', 'NONE')),
  created_by   text NOT NULL REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_lead_unit ON tasks (lead_unit_id, state);
CREATE INDEX tasks_due ON tasks (due_at) WHERE state NOT IN ('CANCELLED', 'ACCEPTED');

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
