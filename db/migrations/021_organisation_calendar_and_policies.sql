-- Organisations side by side (issue 17): each organisation may replace the national working-day table of a year
-- with its own (a district's local day off, a make-up day the national table lacks), and may override the
-- deployment's task types with its own policies.
--
-- org_id '' is the national table every organisation follows for a year it has no table of its own; any other
-- value is that organisation's own table for the year, which wins over the national one for its tasks only.
ALTER TABLE calendar_days DROP CONSTRAINT calendar_days_year_fkey;
ALTER TABLE calendar_days DROP CONSTRAINT calendar_days_pkey;
ALTER TABLE calendar_years DROP CONSTRAINT calendar_years_pkey;
ALTER TABLE calendar_years ADD COLUMN org_id text NOT NULL DEFAULT '';
ALTER TABLE calendar_days ADD COLUMN org_id text NOT NULL DEFAULT '';
ALTER TABLE calendar_years ADD PRIMARY KEY (org_id, year);
ALTER TABLE calendar_days ADD PRIMARY KEY (org_id, date);
ALTER TABLE calendar_days
  ADD FOREIGN KEY (org_id, year) REFERENCES calendar_years (org_id, year) ON DELETE CASCADE;
DROP INDEX calendar_days_year;
CREATE INDEX calendar_days_year ON calendar_days (org_id, year);

-- The organisation's own task types (its file's `taskPolicies`), each replacing the deployment's type of the same
-- name or adding one; empty: the deployment's types as they are.
ALTER TABLE organisations ADD COLUMN task_policies jsonb NOT NULL DEFAULT '[]';
