-- Notices beyond the inbox (issue 23): where a person is reached (from the organisation file; only the office and
-- the person see it), and one delivery per (notification, channel) — the notification being one person's notice of
-- one event — written in the same transaction as the inbox entry and sent afterwards by the worker's dispatcher,
-- retried with backoff; an address that keeps failing ends DEAD, on the office's dead-letter list.
ALTER TABLE people ADD COLUMN email text;
ALTER TABLE people ADD COLUMN mobile text;

CREATE TABLE notice_deliveries (
  -- Derived from the notification id and the channel: a retried step writes nothing twice.
  id              text PRIMARY KEY,
  notification_id text NOT NULL REFERENCES notifications (id),
  org_id          text NOT NULL REFERENCES organisations (id),
  person_id       text NOT NULL REFERENCES people (id),
  channel         text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'DINGTALK', 'WECOM')),
  -- The e-mail address, mobile number or robot name at the time of writing, or as the office fixed it.
  address         text NOT NULL,
  state           text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'DEAD')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until   timestamptz,
  sent_at         timestamptz,
  dead_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- A low-priority notice that waits for the daily digest: sent with the person's other due ones as one message.
  digest          boolean NOT NULL DEFAULT false,
  UNIQUE (notification_id, channel)
);
CREATE INDEX notice_deliveries_due ON notice_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX notice_deliveries_dead ON notice_deliveries (org_id, dead_at DESC) WHERE state = 'DEAD';
CREATE INDEX notice_deliveries_notification ON notice_deliveries (notification_id);

-- A person's own choice among the channels the policy allows for a kind of notice (none: the policy's default), and
-- their quiet hours (local time; nothing but urgent notices by SMS then — the rest waits for the morning).
CREATE TABLE notice_preferences (
  person_id   text PRIMARY KEY REFERENCES people (id),
  channels    text[] NOT NULL DEFAULT '{}',
  quiet_from  time,
  quiet_to    time,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
