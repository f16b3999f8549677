-- Attachments (佐证材料, issue 21 item 1): files that prove a unit's work, attached to an object of a procedure
-- (a task today; an inspection, an accountability case or a comment later: `owner_type` + `owner_id`). The bytes are
-- in the file store under `storage_key` (their sha256: identical bytes are stored once); the row is what the API
-- lists, and its scope is its owner's.
CREATE TABLE attachments (
  id             text PRIMARY KEY,
  org_id         text NOT NULL REFERENCES organisations (id),
  owner_type     text NOT NULL,
  owner_id       text NOT NULL,
  purpose        text,
  uploaded_by    text NOT NULL,
  file_name      text NOT NULL,
  content_type   text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes >= 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_owner ON attachments (org_id, owner_type, owner_id, created_at);
