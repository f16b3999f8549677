-- The office's own rules, edited with versions (issue 22). Each kind of rule (now `task-policies`: the organisation's
-- own task types, as its file's `taskPolicies` lists them; later the scoring model, the measures...) has its versions
-- per organisation, numbered from 1; the newest is in force. A version is never changed: an edit or a restore adds one.
CREATE TABLE rule_versions (
  org_id text NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('task-policies')),
  version integer NOT NULL CHECK (version >= 1),
  -- The rules themselves, in the shape the organisation file uses (for task-policies: { "types": [...] }).
  content jsonb NOT NULL,
  author_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  -- The version whose content a restore copied; null for an edit or a loaded organisation file.
  restored_from integer,
  PRIMARY KEY (org_id, kind, version),
  FOREIGN KEY (org_id, kind, restored_from) REFERENCES rule_versions (org_id, kind, version)
);
