-- Case teams (办案组, issue 18 part 1): the office draws investigators from a collaboration zone's member units
-- (抽调) for a case and a period, with recusal (回避). Temporal's `caseTeam` workflow holds where each team stands;
-- these rows are its read model, written by its activity keyed by workflow id + step: the team and its secondments
-- move forward by version, timeline entries are written once, at the workflow's time. Need to know: the case
-- reference and the roster are read by the office and the team's members only (api/policy.ts), every read audited.
CREATE TABLE case_teams (
  id                 text PRIMARY KEY,
  workflow_id        text NOT NULL UNIQUE,
  org_id             text NOT NULL REFERENCES organisations (id),
  zone_id            text NOT NULL REFERENCES zones (id),
  case_ref           text NOT NULL,
  skills             jsonb NOT NULL,
  concerned_unit_ids text[] NOT NULL DEFAULT '{}',
  policy             jsonb NOT NULL,
  start_date         date NOT NULL,
  end_date           date NOT NULL,
  end_at             timestamptz NOT NULL,
  state              text NOT NULL CHECK (state IN ('OPEN', 'RELEASED')),
  opened_by          text,
  opened_at          timestamptz NOT NULL,
  released_at        timestamptz,
  released_early     boolean NOT NULL DEFAULT false,
  release_reason     text,
  extensions         jsonb NOT NULL DEFAULT '[]',
  -- The confirmed members (serving or released): who may read the team besides the office.
  member_ids         text[] NOT NULL DEFAULT '{}',
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_teams_org ON case_teams (org_id, opened_at DESC);
CREATE INDEX case_teams_members ON case_teams USING gin (member_ids);

-- One seat of a team asked of one unit (抽调函). due_at / answered_at / late are what the assessment counts per unit:
-- secondments asked, answered within the sign-for limit, late (some round's limit lapsed before the unit named).
CREATE TABLE secondments (
  id               text PRIMARY KEY,
  team_id          text NOT NULL REFERENCES case_teams (id),
  workflow_id      text NOT NULL,
  org_id           text NOT NULL REFERENCES organisations (id),
  unit_id          text NOT NULL REFERENCES units (id),
  skill            text NOT NULL,
  wanted_person_id text,
  state            text NOT NULL CHECK (state IN ('REQUESTED', 'NAMED', 'CONFIRMED', 'RELEASED', 'WITHDRAWN')),
  round            integer NOT NULL DEFAULT 0,
  requested_at     timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  escalate_at      timestamptz NOT NULL,
  answered_at      timestamptz,
  late             boolean NOT NULL DEFAULT false,
  urged_at         timestamptz,
  escalated_at     timestamptz,
  person_id        text REFERENCES people (id),
  proposed         boolean NOT NULL DEFAULT false,
  reason           text,
  named_by         text,
  confirmed_at     timestamptz,
  released_at      timestamptz,
  recused          text[] NOT NULL DEFAULT '{}',
  rejected         text[] NOT NULL DEFAULT '{}',
  version          integer NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX secondments_team ON secondments (team_id, id);
CREATE INDEX secondments_unit ON secondments (unit_id, requested_at DESC);
CREATE INDEX secondments_person ON secondments (person_id);

-- A step of a team; `secondment_id` names the seat a step concerns (a unit reads its own seats' entries only).
CREATE TABLE case_team_timeline (
  id            bigserial PRIMARY KEY,
  team_id       text NOT NULL REFERENCES case_teams (id),
  workflow_id   text NOT NULL,
  step          text NOT NULL,
  kind          text NOT NULL,
  message       text NOT NULL,
  actor_id      text,
  at            timestamptz NOT NULL,
  secondment_id text,
  UNIQUE (workflow_id, step)
);
CREATE INDEX case_team_timeline_team ON case_team_timeline (team_id, id);
CREATE INDEX case_team_timeline_secondment ON case_team_timeline (secondment_id, id);
