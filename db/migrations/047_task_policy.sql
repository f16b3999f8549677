-- The policy a running task follows (issue 22): the one of its type when it was assigned, or the version the office
-- applied to running tasks since. The impact preview compares it with a draft. Null for a task not recorded since this
-- column came: the preview then takes its type's policy in force, which every task followed before versions existed.
ALTER TABLE tasks ADD COLUMN policy jsonb;
