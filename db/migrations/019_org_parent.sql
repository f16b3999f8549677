-- The higher level an organisation reports to (issue 17: a city over its districts, a province over its cities).
-- The district's organisation file declares it (`parent:`), and that declaration is the grant: the parent's office,
-- leaders and leadership group read a roll-up of aggregate figures of the organisations under it (GET /v1/rollup),
-- nothing else of them. The loader refuses a parent not loaded yet and a cycle.
ALTER TABLE organisations ADD COLUMN parent_id text REFERENCES organisations (id);
CREATE INDEX organisations_parent ON organisations (parent_id) WHERE parent_id IS NOT NULL;
