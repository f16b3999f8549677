-- A unit merged into another (issue 22, 单位合并): retired, never deleted (its tasks' history, tokens and audit rows
-- name it), with its successor, when and why. Its open tasks move to the successor by reassignment.
ALTER TABLE units
  ADD COLUMN successor_id text REFERENCES units (id),
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN retired_reason text;

-- ADMIN: the permission over the organisation itself (merging units), apart from the office's.
ALTER TABLE people DROP CONSTRAINT people_roles_check;
ALTER TABLE people ADD CONSTRAINT people_roles_check
  CHECK (roles <@ ARRAY['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN']::text[]);
