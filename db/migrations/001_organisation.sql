-- The organisation (DOMAIN.md "The organisation"): units in three levels, collaboration zones,
-- people with roles. Loaded from a YAML file by the organisation loader, the only writer.
-- Unit and person ids are unique across organisations, so a token or a URL names one without its org.
CREATE TABLE organisations (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'Asia/Shanghai',
  source_hash text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE zones (
  id     text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  name   text NOT NULL
);

CREATE TABLE units (
  id           text PRIMARY KEY,
  org_id       text NOT NULL REFERENCES organisations (id),
  name         text NOT NULL,
  -- OFFICE: the coordination office; DEPARTMENT: district department; TOWN: town/street (镇街);
  -- VILLAGE: village/community (村社区); GROUP: the leadership group (领导小组) itself.
  kind         text NOT NULL CHECK (kind IN ('OFFICE', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'GROUP')),
  level        smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_id    text REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
  zone_id      text REFERENCES zones (id) DEFERRABLE INITIALLY DEFERRED,
  head_id      text,
  leader_id    text,
  group_member boolean NOT NULL DEFAULT false,
  active       boolean NOT NULL DEFAULT true
);

CREATE TABLE people (
  id      text PRIMARY KEY,
  org_id  text NOT NULL REFERENCES organisations (id),
  name    text NOT NULL,
  unit_id text NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
  title   text NOT NULL DEFAULT '',
  roles   text[] NOT NULL CHECK (roles <@ ARRAY['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER']::text[]),
  active  boolean NOT NULL DEFAULT true
);

ALTER TABLE units
  ADD FOREIGN KEY (head_id) REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED,
  ADD FOREIGN KEY (leader_id) REFERENCES people (id) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX units_org ON units (org_id, kind, name);
CREATE INDEX people_unit ON people (unit_id);
CREATE INDEX people_org ON people (org_id, name);
