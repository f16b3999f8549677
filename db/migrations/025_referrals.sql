-- Referrals (移送, issue 18 part 3) between the commission and the enforcement and audit units (公检法、审计). Temporal's
-- `referral` workflow holds where each stands; these rows are its read model, written by its activities keyed by
-- workflow id + step: the row moves forward by version, timeline entries are written once, at the workflow's time.
-- Heli holds no case file: title, parties, summary and dates only. Need to know: every read is audited.
CREATE TABLE referrals (
  id                      text PRIMARY KEY,
  workflow_id             text NOT NULL UNIQUE,
  org_id                  text NOT NULL REFERENCES organisations (id),
  direction               text NOT NULL CHECK (direction IN ('TO_ENFORCEMENT', 'TO_COMMISSION')),
  sender_unit_id          text NOT NULL REFERENCES units (id),
  receiver_unit_id        text NOT NULL REFERENCES units (id),
  title                   text NOT NULL,
  parties                 text NOT NULL,
  summary                 text NOT NULL,
  dates                   jsonb NOT NULL DEFAULT '[]',
  policy                  jsonb NOT NULL,
  -- The returned referral this one carries on (退回后另行移送), and the one that carries this one on.
  previous_id             text,
  next_referral_id        text,
  -- People the office granted access besides the parties and the major-case coordination group (need to know).
  access_ids              text[] NOT NULL DEFAULT '{}',
  sent_by                 text NOT NULL,
  sent_at                 timestamptz NOT NULL,
  state                   text NOT NULL
    CHECK (state IN ('SENT', 'ACCEPTED', 'ANSWERED', 'RETURNED', 'REFERRED_ON', 'HANDLED', 'CLOSED')),
  -- Acceptance feedback (受理反馈): due, given (accepted or returned), late, and the ladder's rungs.
  acceptance_due_at       timestamptz NOT NULL,
  acceptance_escalate_at  timestamptz NOT NULL,
  accepted_at             timestamptz,
  accepted_by             text,
  acceptance_note         text,
  acceptance_late         boolean NOT NULL DEFAULT false,
  acceptance_urged_at     timestamptz,
  acceptance_escalated_at timestamptz,
  -- Result feedback (处理结果反馈), counted from acceptance.
  result_due_at           timestamptz,
  result_escalate_at      timestamptz,
  result_at               timestamptz,
  result_by               text,
  result                  text,
  result_late             boolean NOT NULL DEFAULT false,
  result_urged_at         timestamptz,
  result_escalated_at     timestamptz,
  -- A return (退回) and the sender's decision on it.
  returned_at             timestamptz,
  returned_by             text,
  return_reasons          text,
  decision                text CHECK (decision IN ('REFER_ON', 'HANDLE', 'CLOSE')),
  decision_note           text,
  decided_by              text,
  decided_at              timestamptz,
  -- Coordination opinions (协调意见): findings of fact, evidence and nature, and the task each became.
  opinions                jsonb NOT NULL DEFAULT '[]',
  closed_at               timestamptz,
  version                 integer NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referrals_org ON referrals (org_id, sent_at DESC);
CREATE INDEX referrals_sender ON referrals (sender_unit_id);
CREATE INDEX referrals_receiver ON referrals (receiver_unit_id);

CREATE TABLE referral_timeline (
  id          bigserial PRIMARY KEY,
  referral_id text NOT NULL REFERENCES referrals (id),
  workflow_id text NOT NULL,
  step        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL,
  UNIQUE (workflow_id, step)
);
CREATE INDEX referral_timeline_referral ON referral_timeline (referral_id, id);
