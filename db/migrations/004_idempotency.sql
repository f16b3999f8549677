-- Idempotency-Key on creates: the first request with a key stores its answer; a retry with the same key and
-- the same body gets that answer again, with a different body a 422. Keys are per person and expire.
CREATE TABLE idempotency_keys (
  person_id   text NOT NULL,
  key         text NOT NULL,
  method      text NOT NULL,
  path        text NOT NULL,
  body_hash   text NOT NULL,
  status      integer,
  response    jsonb,
  headers     jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
