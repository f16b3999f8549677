-- Rotation training (轮训, 以案代训, issue 18 part 2): one plan per organisation and year, its windows (who, from which
-- unit, which 2–6 months at the case office), their confirmation by the units and their course; the workflow
-- `rotation:<orgId>:<year>` writes these rows.
CREATE TABLE rotation_plans (
  id          text PRIMARY KEY,
  workflow_id text NOT NULL UNIQUE,
  org_id      text NOT NULL REFERENCES organisations (id),
  year        integer NOT NULL,
  state       text NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
  created_by  text,
  created_at  timestamptz NOT NULL,
  -- The units confirm by due_at; a window still unconfirmed at escalate_at goes to the unit's responsible leader.
  due_at      timestamptz NOT NULL,
  escalate_at timestamptz NOT NULL,
  closed_at   timestamptz,
  version     integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year)
);

CREATE TABLE rotation_windows (
  plan_id        text NOT NULL REFERENCES rotation_plans (id),
  window_id      text NOT NULL,
  org_id         text NOT NULL REFERENCES organisations (id),
  person_id      text NOT NULL REFERENCES people (id),
  unit_id        text NOT NULL REFERENCES units (id),
  start_date     date NOT NULL,
  end_date       date NOT NULL,
  -- The window as first planned ({personId, start, end}); swaps: the unit's requests and the office's decisions.
  original       jsonb NOT NULL,
  swaps          jsonb NOT NULL DEFAULT '[]',
  state          text NOT NULL CHECK (state IN ('PENDING', 'SWAP_REQUESTED', 'CONFIRMED', 'STARTED', 'FINISHED',
                   'ENDED_EARLY', 'ABSENT')),
  due_at         timestamptz NOT NULL,
  -- The unit's first answer (confirmation or swap request); confirmed_late: none by due_at (the assessment counts it).
  answered_at    timestamptz,
  confirmed_at   timestamptz,
  confirmed_by   text,
  confirmed_late boolean NOT NULL DEFAULT false,
  overdue_at     timestamptz,
  escalated_at   timestamptz,
  started_at     timestamptz,
  ended_at       timestamptz,
  end_reason     text,
  version        integer NOT NULL,
  PRIMARY KEY (plan_id, window_id)
);
CREATE INDEX rotation_windows_unit ON rotation_windows (unit_id);
CREATE INDEX rotation_windows_person ON rotation_windows (person_id);

CREATE TABLE rotation_timeline (
  id          bigserial PRIMARY KEY,
  plan_id     text NOT NULL REFERENCES rotation_plans (id),
  -- The window a step concerns (null: the plan's own steps); a unit reads its windows' steps only.
  window_id   text,
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX rotation_timeline_plan ON rotation_timeline (plan_id, id);
