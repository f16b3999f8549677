-- Submissions (反映, issue 19 parts 2–4): observations, problems and clues the supervision network's members send the
-- office. Temporal's `submission` workflow holds where each stands; these rows are its read model, written by its
-- activities keyed by workflow id + step. Confidential: only the office and the member who submitted read a row; a
-- task or referral made from one never points back to it (the link is here, on the office's side only).
CREATE TABLE submissions (
  id                 text PRIMARY KEY,
  workflow_id        text NOT NULL UNIQUE,
  org_id             text NOT NULL REFERENCES organisations (id),
  kind               text NOT NULL CHECK (kind IN ('OBSERVATION', 'PROBLEM', 'CLUE')),
  subject_unit_id    text REFERENCES units (id),
  what               text NOT NULL,
  place              text NOT NULL,
  happened_on        date NOT NULL,
  policy             jsonb NOT NULL,
  submitted_by       text NOT NULL REFERENCES people (id),
  submitted_at       timestamptz NOT NULL,
  state              text NOT NULL CHECK (state IN ('SUBMITTED', 'TASKED', 'REFERRED', 'ANSWERED', 'MERGED', 'CLOSED')),
  -- Triage (分办) by the office: due, the reminder and the ladder's rungs, what was done.
  triage_due_at      timestamptz NOT NULL,
  triage_remind_at   timestamptz NOT NULL,
  triage_head_at     timestamptz NOT NULL,
  triage_reminded_at timestamptz,
  triage_overdue_at  timestamptz,
  triage_escalated_at timestamptz,
  triaged_at         timestamptz,
  triaged_by         text,
  triage_action      text CHECK (triage_action IN ('REPLY', 'TASK', 'REFER', 'MERGE', 'CLOSE')),
  triage_late        boolean NOT NULL DEFAULT false,
  task_id            text,
  referral_id        text,
  merged_into        text,
  merged_ids         text[] NOT NULL DEFAULT '{}',
  close_reason       text,
  -- Hearing back (反馈): the answer the office writes for the member, due after triage.
  answer_due_at      timestamptz,
  answer_head_at     timestamptz,
  answer_overdue_at  timestamptz,
  answer             text,
  answered_at        timestamptz,
  answered_by        text,
  answer_late        boolean NOT NULL DEFAULT false,
  task_done_at       timestamptz,
  rating             integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment     text,
  rated_at           timestamptz,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submissions_org ON submissions (org_id, submitted_at DESC);
CREATE INDEX submissions_submitter ON submissions (submitted_by, submitted_at DESC);

CREATE TABLE submission_timeline (
  id            bigserial PRIMARY KEY,
  submission_id text NOT NULL REFERENCES submissions (id),
  workflow_id   text NOT NULL,
  step          text NOT NULL,
  kind          text NOT NULL,
  message       text NOT NULL,
  actor_id      text,
  at            timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX submission_timeline_submission ON submission_timeline (submission_id, id);
