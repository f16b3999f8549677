-- Webhook events are an outbox (docs/architecture.md "One step, from HTTP to the read model"): a step writes its
-- events in the same transaction as its timeline entry, and a dispatcher in the worker delivers them afterwards,
-- retried with backoff, never holding up the step. Events written before this (and by tasks still on the code
-- before the kernel) are delivered by their workflow's own activity, as they always were: dispatch = 'WORKFLOW'.
ALTER TABLE webhook_events ADD COLUMN dispatch text NOT NULL DEFAULT 'WORKFLOW' CHECK (dispatch IN ('WORKFLOW', 'OUTBOX'));
ALTER TABLE webhook_events ALTER COLUMN dispatch SET DEFAULT 'OUTBOX';
-- When the dispatcher may try next, until when one dispatcher holds the event, and when it stopped trying.
ALTER TABLE webhook_events ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE webhook_events ADD COLUMN claimed_until timestamptz;
ALTER TABLE webhook_events ADD COLUMN gave_up_at timestamptz;
CREATE INDEX webhook_events_outbox ON webhook_events (next_attempt_at)
  WHERE dispatch = 'OUTBOX' AND delivered_at IS NULL AND gave_up_at IS NULL;
