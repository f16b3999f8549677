-- Absences and deputies (请假与代理, issue 20 item 5): a person away for a date range names a deputy of their own
-- unit. While the absence lasts (the organisation's local dates, both ends included), the person's notices also reach
-- the deputy, and the deputy may act for them; what the deputy does is recorded as done on the person's behalf.
CREATE TABLE absences (
  id            text PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations (id),
  person_id     text NOT NULL REFERENCES people (id),
  deputy_id     text NOT NULL REFERENCES people (id),
  from_date     date NOT NULL,
  to_date       date NOT NULL,
  reason        text NOT NULL,
  created_by    text NOT NULL REFERENCES people (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  cancelled_by  text REFERENCES people (id),
  CHECK (deputy_id <> person_id),
  CHECK (to_date >= from_date)
);
CREATE INDEX absences_person ON absences (person_id, from_date);
CREATE INDEX absences_deputy ON absences (deputy_id, from_date);

-- Who acted for whom: an action a deputy took for an absent person names the person here (actor_id is the deputy).
ALTER TABLE audit_log ADD COLUMN on_behalf_of text;

-- A notice a deputy received for an absent person names that person.
ALTER TABLE notifications ADD COLUMN on_behalf_of text;
