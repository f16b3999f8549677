-- Pause (挂账/中止计时) and refusal (退单) of a supervised task (issue 20 items 1 and 2). The workflow keeps both in
-- the task's status; the read model shows them: every pause asked for, decided and resumed, the working days the
-- clock stood still (excluded from lateness and from the score), and every refusal with the office's ruling. While a
-- pause is in force the light is PAUSED.
ALTER TABLE tasks
  ADD COLUMN pauses              jsonb   NOT NULL DEFAULT '[]',
  ADD COLUMN paused_working_days integer NOT NULL DEFAULT 0,
  ADD COLUMN refusals            jsonb   NOT NULL DEFAULT '[]';

ALTER TABLE tasks DROP CONSTRAINT tasks_light_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_light_check CHECK (light IN ('GREEN', 'YELLOW', 'RED', 'NONE', 'PAUSED'));
