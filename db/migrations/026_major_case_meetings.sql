-- The major-case coordination group's meetings (大要案协调小组, issue 18 part 4): a joint meeting of kind MAJOR_CASE,
-- convened by the office (optionally on a referral, `referral_id`, linked once referrals exist), whose members are
-- people (people.major_case_group), not units. Their attendance lives here, never in meeting_attendance: no unit sees
-- such a meeting or has it counted (lists, assessment attendance); the office and the members alone do.
ALTER TABLE meetings DROP CONSTRAINT meetings_kind_check;
ALTER TABLE meetings ADD CONSTRAINT meetings_kind_check CHECK (kind IN ('REGULAR', 'AD_HOC', 'MAJOR_CASE'));
ALTER TABLE meetings ADD COLUMN referral_id text;

-- One row per member person: `answer` is what they said before the meeting, `status` where they stand (as for units).
CREATE TABLE meeting_members (
  meeting_id  text NOT NULL REFERENCES meetings (id),
  person_id   text NOT NULL REFERENCES people (id),
  unit_id     text NOT NULL REFERENCES units (id),
  status      text NOT NULL CHECK (status IN ('INVITED', 'CONFIRMED', 'DECLINED', 'ABSENT', 'PRESENT')),
  answer      text CHECK (answer IN ('CONFIRMED', 'DECLINED')),
  attendee    text,
  reason      text,
  answered_by text,
  answered_at timestamptz,
  urged_at    timestamptz,
  PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_members_person ON meeting_members (person_id);
