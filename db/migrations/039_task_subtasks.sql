-- Cascade (三级联动), issue 20 item 6: a village's (community's) sub-task of a town's or department's task. The
-- parent's lead unit is kept beside it: that unit sees its villages' sub-tasks as it sees its own tasks.
ALTER TABLE tasks
  ADD COLUMN parent_task_id text,
  ADD COLUMN parent_lead_unit_id text;

CREATE INDEX tasks_parent ON tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;
CREATE INDEX tasks_parent_lead_unit ON tasks (parent_lead_unit_id) WHERE parent_lead_unit_id IS NOT NULL;
