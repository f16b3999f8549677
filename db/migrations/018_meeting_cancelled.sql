-- A cancelled ad-hoc meeting (会议取消, issue 15) is a state of the read model's row like the others, so a list or a
-- detail reads it from the row; before this, the row kept NOTICED and every read looked for the CANCELLED entry
-- in the meeting's timeline. No count of held meetings (attendance in the assessment) takes it as held.
ALTER TABLE meetings DROP CONSTRAINT meetings_state_check;
ALTER TABLE meetings ADD CONSTRAINT meetings_state_check CHECK (state IN ('NOTICED', 'HELD', 'MINUTED', 'CANCELLED'));
UPDATE meetings m SET state = 'CANCELLED'
 WHERE EXISTS (SELECT 1 FROM meeting_timeline t WHERE t.meeting_id = m.id AND t.kind = 'CANCELLED');
