-- Notifications (DOMAIN.md "The supervised task": reminders, urging 催办, escalation notices): an in-app inbox
-- per person and an outbound webhook channel per unit. Written by the notify activity; ids are derived from
-- workflow id + step + recipient, so a retried activity inserts nothing new.
CREATE TABLE notifications (
  id          text PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations (id),
  person_id   text NOT NULL REFERENCES people (id),
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  -- No foreign key: the task row may be written slightly after its first notification.
  task_id     text,
  workflow_id text NOT NULL,
  step        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_inbox ON notifications (person_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (person_id) WHERE read_at IS NULL;
CREATE INDEX notifications_step ON notifications (workflow_id, step);

-- One outbound webhook per unit, configured by the office. The secret signs every delivery (HMAC-SHA256), so
-- it is kept as given, not hashed; the API shows it once, when it is generated.
CREATE TABLE webhook_endpoints (
  unit_id    text PRIMARY KEY REFERENCES units (id),
  url        text NOT NULL,
  secret     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by text
);

-- Events to deliver to a unit's webhook, one per notification step and unit; a delivery activity posts each.
CREATE TABLE webhook_events (
  id           text PRIMARY KEY,
  unit_id      text NOT NULL REFERENCES units (id),
  kind         text NOT NULL,
  -- { taskId, title, body }: what the receiver gets besides id, kind, unit and time.
  payload      jsonb NOT NULL,
  workflow_id  text NOT NULL,
  step         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX webhook_events_step ON webhook_events (workflow_id, step);
CREATE INDEX webhook_events_pending ON webhook_events (created_at) WHERE delivered_at IS NULL;
