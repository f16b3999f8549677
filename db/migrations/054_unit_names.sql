-- A unit's earlier names (issue 22: the organisation edited live by its administrator). Renaming a unit (through the
-- API or a changed organisation file) keeps the name it had and until when: history keeps the names it had. Records
-- that store names (timelines, bulletins, the audit log) wrote them when they were written; documents that join a
-- unit by id ask `unit_name_at` for the name of their own time.
CREATE TABLE unit_names (
  id          bigserial PRIMARY KEY,
  unit_id     text NOT NULL REFERENCES units (id),
  name        text NOT NULL,
  -- null: since before names were kept (the unit's first name)
  valid_from  timestamptz,
  valid_until timestamptz NOT NULL
);
CREATE INDEX unit_names_unit ON unit_names (unit_id, valid_until);

CREATE FUNCTION keep_unit_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO unit_names (unit_id, name, valid_from, valid_until)
  VALUES (OLD.id, OLD.name, (SELECT max(valid_until) FROM unit_names WHERE unit_id = OLD.id), now());
  RETURN NEW;
END;
$$;

CREATE TRIGGER units_keep_name AFTER UPDATE OF name ON units
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION keep_unit_name();

-- The name a unit had at `at`: the earliest earlier name still valid then, else its name now.
CREATE FUNCTION unit_name_at(unit text, at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT n.name FROM unit_names n WHERE n.unit_id = unit AND n.valid_until > at ORDER BY n.valid_until, n.id LIMIT 1),
    (SELECT u.name FROM units u WHERE u.id = unit))
$$;
