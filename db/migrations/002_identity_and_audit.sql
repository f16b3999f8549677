-- Bearer tokens (DOMAIN.md "Interface contract"): opaque, stored only as a SHA-256 hash.
CREATE TABLE api_tokens (
  id         text PRIMARY KEY,
  person_id  text NOT NULL REFERENCES people (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Append-only audit log: every mutation, done or refused. Rows written by a workflow activity carry
-- the workflow id and step, so a retried activity cannot write its row twice.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  org_id      text,
  actor_id    text,
  actor_roles text[] NOT NULL DEFAULT '{}',
  token_id    text,
  action      text NOT NULL,
  object_type text NOT NULL,
  object_id   text,
  payload     jsonb NOT NULL DEFAULT '{}',
  outcome     text NOT NULL CHECK (outcome IN ('DONE', 'REFUSED')),
  reason      text,
  request_id  text,
  workflow_id text,
  step        text,
  UNIQUE (workflow_id, step)
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_org ON audit_log (org_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
