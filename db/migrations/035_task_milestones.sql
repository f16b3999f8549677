-- Milestones (序时进度) of a supervised task (issue 20 item 4): intermediate dates with an expected result or a
-- percentage, planned against actual (the workflow keeps them in the task's status). `milestones_missed` counts those
-- whose day ended unreported: the board's and the list's lag, and the bulletin's count per unit.
ALTER TABLE tasks
  ADD COLUMN milestones        jsonb   NOT NULL DEFAULT '[]',
  ADD COLUMN milestones_missed integer NOT NULL DEFAULT 0;

-- The board reads the lag of a cycle's tasks with a miss only.
CREATE INDEX tasks_milestone_lag ON tasks (cycle_id) WHERE milestones_missed > 0;
