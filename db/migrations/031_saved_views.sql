-- Saved views (保存的视图, issue 20 item 7): a person's named task filter, private to them, applied to the task list or
-- the board in their current scope (a saved filter never widens what its owner sees). The filter is stored as the
-- task list's own query (api/schemas.ts `taskFilter`), validated when saved and again when applied.
CREATE TABLE saved_views (
  id          text PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations (id),
  owner_id    text NOT NULL REFERENCES people (id),
  name        text NOT NULL,
  target      text NOT NULL CHECK (target IN ('TASKS', 'BOARD')),
  filter      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, name)
);

-- Bulk actions on tasks (批量操作): the answer of each bulk request, kept by its requestId so that a retried request
-- answers the same per-task results and applies nothing twice (each task's Update id derives from requestId + task).
CREATE TABLE task_bulk_requests (
  person_id   text NOT NULL REFERENCES people (id),
  request_id  text NOT NULL,
  org_id      text NOT NULL REFERENCES organisations (id),
  action      text NOT NULL,
  -- A digest of the request (action, input, ids or filter): the same requestId with another request is refused.
  digest      text NOT NULL,
  answer      jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, request_id)
);
