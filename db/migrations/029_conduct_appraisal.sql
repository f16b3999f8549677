-- The supervision network takes part (监督网络, issue 19 part 5): members invited into inspection rounds, where they
-- add observations, and conduct appraisals (行风评议), where each invited member rates every unit appraised. Written
-- by the workflows' activities keyed by workflow id + step, like every read model.

-- Members the office invited into a round: they see its scope and may add observations.
CREATE TABLE inspection_observers (
  round_id   text NOT NULL REFERENCES inspection_rounds (id),
  person_id  text NOT NULL REFERENCES people (id),
  invited_by text,
  invited_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX inspection_observers_person ON inspection_observers (person_id);

-- An observation (观察意见) on one unit of the round. The office reads who wrote it; the unit reads it without the name.
CREATE TABLE inspection_observations (
  round_id  text NOT NULL REFERENCES inspection_rounds (id),
  seq       integer NOT NULL,
  unit_id   text NOT NULL REFERENCES units (id),
  person_id text NOT NULL REFERENCES people (id),
  text      text NOT NULL,
  at        timestamptz NOT NULL,
  PRIMARY KEY (round_id, seq)
);

-- A conduct appraisal (行风评议) of a cycle's year: units appraised, members invited, a period ending on a working day.
CREATE TABLE appraisals (
  id          text PRIMARY KEY,
  workflow_id text NOT NULL UNIQUE,
  org_id      text NOT NULL REFERENCES organisations (id),
  cycle_id    text NOT NULL REFERENCES cycles (id),
  year        integer NOT NULL,
  title       text NOT NULL,
  opened_by   text NOT NULL,
  state       text NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
  opened_at   timestamptz NOT NULL,
  due_at      timestamptz,
  remind_at   timestamptz,
  closed_at   timestamptz,
  version     integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appraisals_org ON appraisals (org_id, year, opened_at DESC);

CREATE TABLE appraisal_units (
  appraisal_id text NOT NULL REFERENCES appraisals (id),
  unit_id      text NOT NULL REFERENCES units (id),
  PRIMARY KEY (appraisal_id, unit_id)
);
CREATE INDEX appraisal_units_unit ON appraisal_units (unit_id);

-- Invited members and how far they are (how many units rated, when they finished every one): progress, not ratings.
CREATE TABLE appraisal_members (
  appraisal_id text NOT NULL REFERENCES appraisals (id),
  person_id    text NOT NULL REFERENCES people (id),
  invited_at   timestamptz NOT NULL,
  rated        integer NOT NULL DEFAULT 0,
  finished_at  timestamptz,
  PRIMARY KEY (appraisal_id, person_id)
);
CREATE INDEX appraisal_members_person ON appraisal_members (person_id);

-- Each member's form, one row per unit: read through the API by that member alone (never per rater by anyone else).
CREATE TABLE appraisal_ratings (
  appraisal_id text NOT NULL REFERENCES appraisals (id),
  person_id    text NOT NULL REFERENCES people (id),
  unit_id      text NOT NULL REFERENCES units (id),
  rating       text NOT NULL CHECK (rating IN ('SATISFIED', 'BASIC', 'UNSATISFIED')),
  comment      text,
  rated_at     timestamptz NOT NULL,
  PRIMARY KEY (appraisal_id, person_id, unit_id)
);

-- The aggregate per unit, fixed at the close: how many rated, how, and the satisfaction score (满意度, 0–100).
CREATE TABLE appraisal_results (
  appraisal_id text NOT NULL REFERENCES appraisals (id),
  unit_id      text NOT NULL REFERENCES units (id),
  raters       integer NOT NULL,
  satisfied    integer NOT NULL,
  basic        integer NOT NULL,
  unsatisfied  integer NOT NULL,
  score        numeric(5, 2),
  PRIMARY KEY (appraisal_id, unit_id)
);

CREATE TABLE appraisal_timeline (
  id           bigserial PRIMARY KEY,
  appraisal_id text NOT NULL REFERENCES appraisals (id),
  workflow_id  text NOT NULL,
  step         text NOT NULL,
  kind         text NOT NULL,
  message      text NOT NULL,
  actor_id     text,
  at           timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX appraisal_timeline_appraisal ON appraisal_timeline (appraisal_id, id);
