-- The supervision network (监督网络, issue 19): the district's conduct supervisors and informants (政风行风监督员、信息员),
-- special supervisors (特约监察员) and the people's-congress deputies and CPPCC members it invites, in three levels —
-- district, towns/departments, villages/communities. A member is a person with the OBSERVER role; their appointment
-- (kind, level, area, term) is organisation data: written by the organisation file or by the office, every change a new
-- version with its author, source and reason, never overwritten.
CREATE TABLE network_members (
  person_id     text PRIMARY KEY REFERENCES people (id),
  org_id        text NOT NULL REFERENCES organisations (id),
  kind          text NOT NULL
    CHECK (kind IN ('SPECIAL_SUPERVISOR', 'CONDUCT_SUPERVISOR', 'INFORMANT', 'DEPUTY', 'CPPCC_MEMBER')),
  level         text NOT NULL CHECK (level IN ('DISTRICT', 'TOWN', 'VILLAGE')),
  -- The town or department (TOWN level) or the village or community (VILLAGE level) the member watches; none for the
  -- district level.
  area_unit_id  text REFERENCES units (id),
  term_from     date NOT NULL,
  term_to       date NOT NULL,
  retired_on    date,
  retire_reason text,
  version       integer NOT NULL,
  CHECK (term_to >= term_from),
  CHECK ((level = 'DISTRICT') = (area_unit_id IS NULL)),
  CHECK ((retired_on IS NULL) = (retire_reason IS NULL))
);
CREATE INDEX network_members_org ON network_members (org_id, level, area_unit_id);

CREATE TABLE network_member_versions (
  person_id   text NOT NULL REFERENCES people (id),
  version     integer NOT NULL,
  org_id      text NOT NULL REFERENCES organisations (id),
  change      text NOT NULL CHECK (change IN ('APPOINT', 'AMEND', 'RENEW', 'RETIRE')),
  -- The appointment as it stands after the change (the columns of network_members but the version).
  appointment jsonb NOT NULL,
  reason      text NOT NULL,
  source      text NOT NULL CHECK (source IN ('FILE', 'API')),
  actor_id    text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, version)
);
