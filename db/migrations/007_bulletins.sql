-- Bulletins (情况通报, DOMAIN.md annual cycle step 5 "Feedback and bulletins"): a snapshot computed from the task
-- read model (completion rates, overdue tasks, escalations, units named at L3), kept as it was published. The id
-- is given by the caller (the API, or later the cycle workflow per period), so a retried generate inserts nothing
-- new and answers the stored bulletin.
CREATE TABLE bulletins (
  id           text PRIMARY KEY,
  org_id       text NOT NULL REFERENCES organisations (id),
  cycle_id     text,
  title        text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL CHECK (period_to >= period_from),
  generated_at timestamptz NOT NULL DEFAULT now(),
  generated_by text,
  content      jsonb NOT NULL
);
CREATE INDEX bulletins_org ON bulletins (org_id, generated_at DESC);
