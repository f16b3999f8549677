-- Case collaboration (协同办案, issue 18): the parties beyond the responsible units. An ENFORCEMENT unit is the
-- police, the procuratorate, the court or the audit office (公检法、审计), with its agency; its people hold the
-- ENFORCEMENT role, send and answer referrals (移送), and are never responsible units of tasks. A person may sit on the
-- major-case coordination group (大要案协调小组): the commission's and 公检法's leaders.
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units ADD CONSTRAINT units_kind_check
  CHECK (kind IN ('OFFICE', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'GROUP', 'ENFORCEMENT'));
ALTER TABLE units ADD COLUMN agency text
  CHECK (agency IN ('POLICE', 'PROCURATORATE', 'COURT', 'AUDIT'));
ALTER TABLE units ADD CONSTRAINT units_agency_of_enforcement CHECK ((kind = 'ENFORCEMENT') = (agency IS NOT NULL));

ALTER TABLE people DROP CONSTRAINT people_roles_check;
ALTER TABLE people ADD CONSTRAINT people_roles_check
  CHECK (roles <@ ARRAY['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT']::text[]);
ALTER TABLE people ADD COLUMN major_case_group boolean NOT NULL DEFAULT false;

-- Who served on which case team (办案组), written by the case team's workflow: a rotation trainee's record (轮训)
-- lists the teams they took part in from here.
CREATE TABLE case_team_members (
  team_id     text NOT NULL,
  person_id   text NOT NULL REFERENCES people (id),
  unit_id     text NOT NULL REFERENCES units (id),
  org_id      text NOT NULL REFERENCES organisations (id),
  case_ref    text NOT NULL,
  joined_at   timestamptz NOT NULL,
  released_at timestamptz,
  PRIMARY KEY (team_id, person_id)
);
CREATE INDEX case_team_members_person ON case_team_members (person_id, joined_at);
