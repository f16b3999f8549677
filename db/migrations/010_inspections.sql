-- Inspection rounds (检查督办, DOMAIN.md "The annual cycle" step 4). Temporal's `inspectionRound` workflow holds where
-- each round stands; these rows are its read model, written by its activities keyed by workflow id + step: the round
-- row and its units move forward by version, findings and timeline entries are written once.
CREATE TABLE inspection_rounds (
  id                  text PRIMARY KEY,
  workflow_id         text NOT NULL UNIQUE,
  cycle_id            text NOT NULL REFERENCES cycles (id),
  org_id              text NOT NULL REFERENCES organisations (id),
  -- `i1`… for the regular rounds of the cycle's calendar, `x1`… for those the office defines ad hoc.
  key                 text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('REGULAR', 'AD_HOC')),
  title               text NOT NULL,
  checklist           jsonb NOT NULL DEFAULT '[]',
  self_check_due_date date NOT NULL,
  findings_due_date   date NOT NULL,
  called_by           text,
  -- A hash of the Idempotency-Key of the request that defined an ad-hoc round: a retry finds the round it made.
  request_hash        text,
  state               text NOT NULL CHECK (state IN ('SELF_CHECK', 'INSPECTING', 'RECTIFYING', 'CLOSED')),
  self_check_due_at   timestamptz,
  remind_at           timestamptz,
  escalate_at         timestamptz,
  findings_due_at     timestamptz,
  findings_closed_at  timestamptz,
  closed_at           timestamptz,
  -- The round report (检查情况报告), fixed when the round closes.
  report              jsonb,
  version             integer NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_id, key)
);
CREATE INDEX inspection_rounds_org ON inspection_rounds (org_id, created_at DESC);
CREATE UNIQUE INDEX inspection_rounds_request ON inspection_rounds (cycle_id, request_hash);

-- One row per unit in the round's scope: its self-check (自查报告) and the dates it was urged and escalated.
CREATE TABLE inspection_units (
  round_id             text NOT NULL REFERENCES inspection_rounds (id),
  unit_id              text NOT NULL REFERENCES units (id),
  self_check_status    text NOT NULL CHECK (self_check_status IN ('PENDING', 'FILED', 'LATE')),
  self_check_report    text,
  filed_by             text,
  filed_at             timestamptz,
  urged_at             timestamptz,
  escalated_at         timestamptz,
  findings_recorded_at timestamptz,
  PRIMARY KEY (round_id, unit_id)
);
CREATE INDEX inspection_units_unit ON inspection_units (unit_id);

-- Each finding became a rectification task (整改, type RECTIFICATION) of its unit. The assessment reads
-- (cycle_id, unit_id, severity, task_id): keep these names.
CREATE TABLE inspection_findings (
  id          text PRIMARY KEY,
  round_id    text NOT NULL REFERENCES inspection_rounds (id),
  cycle_id    text NOT NULL,
  unit_id     text NOT NULL REFERENCES units (id),
  seq         integer NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('MINOR', 'MAJOR', 'SERIOUS')),
  description text NOT NULL,
  requirement text NOT NULL,
  task_id     text NOT NULL UNIQUE,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (round_id, unit_id, seq)
);
CREATE INDEX inspection_findings_cycle_unit ON inspection_findings (cycle_id, unit_id);

-- `unit_id` set: an entry about one unit, which that unit (and whoever sees the whole round) may read. Unset with
-- scope ALL: an entry every reader of the round sees; scope OFFICE: only those who see the whole round.
CREATE TABLE inspection_timeline (
  id          bigserial PRIMARY KEY,
  round_id    text NOT NULL REFERENCES inspection_rounds (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  unit_id     text,
  scope       text NOT NULL CHECK (scope IN ('ALL', 'UNIT', 'OFFICE')),
  actor_id    text,
  at          timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX inspection_timeline_round ON inspection_timeline (round_id, id);
