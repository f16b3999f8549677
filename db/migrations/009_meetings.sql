-- Joint meetings (联席会议, DOMAIN.md "The annual cycle" step 3). Temporal's `jointMeeting` workflow holds where each
-- meeting stands; these rows are its read model, written by its activities keyed by workflow id + step: the meeting
-- row and its attendance move forward by version, timeline entries and resolutions are written once.
CREATE TABLE meetings (
  id          text PRIMARY KEY,
  workflow_id text NOT NULL UNIQUE,
  cycle_id    text NOT NULL REFERENCES cycles (id),
  org_id      text NOT NULL REFERENCES organisations (id),
  -- `r1`… for the regular meetings of the cycle's calendar, `a1`… for those the office calls ad hoc.
  key         text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('REGULAR', 'AD_HOC')),
  title       text NOT NULL,
  place       text NOT NULL,
  topics      jsonb NOT NULL DEFAULT '[]',
  at          timestamptz NOT NULL,
  confirm_by  timestamptz NOT NULL,
  -- The status report covers the escalations since this instant (the previous meeting, or the cycle's opening).
  since       timestamptz NOT NULL,
  called_by   text,
  state       text NOT NULL CHECK (state IN ('NOTICED', 'HELD', 'MINUTED')),
  -- The agenda with its automatic status report (督办工作情况), fixed when the meeting begins.
  agenda      jsonb,
  held_at     timestamptz,
  minutes     text,
  minuted_by  text,
  minuted_at  timestamptz,
  minutes_due_at timestamptz,
  minutes_reminded boolean NOT NULL DEFAULT false,
  version     integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_id, key)
);
CREATE INDEX meetings_org ON meetings (org_id, at DESC);

-- One row per invited member unit. `answer` is what the unit said before the meeting (CONFIRMED, or DECLINED with a
-- reason); `status` is where it stands: INVITED/CONFIRMED/DECLINED until the meeting, then PRESENT or ABSENT.
CREATE TABLE meeting_attendance (
  meeting_id  text NOT NULL REFERENCES meetings (id),
  unit_id     text NOT NULL REFERENCES units (id),
  status      text NOT NULL CHECK (status IN ('INVITED', 'CONFIRMED', 'DECLINED', 'ABSENT', 'PRESENT')),
  answer      text CHECK (answer IN ('CONFIRMED', 'DECLINED')),
  attendee    text,
  reason      text,
  answered_by text,
  answered_at timestamptz,
  urged_at    timestamptz,
  PRIMARY KEY (meeting_id, unit_id)
);
CREATE INDEX meeting_attendance_unit ON meeting_attendance (unit_id);

-- Each resolution of the minutes (议定事项) became a supervised task (MEETING_RESOLUTION) with this id.
CREATE TABLE meeting_resolutions (
  meeting_id text NOT NULL REFERENCES meetings (id),
  seq        integer NOT NULL,
  title      text NOT NULL,
  task_id    text NOT NULL UNIQUE,
  PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE meeting_timeline (
  id          bigserial PRIMARY KEY,
  meeting_id  text NOT NULL REFERENCES meetings (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX meeting_timeline_meeting ON meeting_timeline (meeting_id, id);
