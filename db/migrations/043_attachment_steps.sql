-- Attachments given with a step (issue 21 item 1): the step of a procedure's workflow that recorded the action the
-- file was given with (a progress report, a submission, an extension or pause request, a comment). The timeline lists
-- a step's files; a file is given with one step at most. NULL: uploaded to the task, not (yet) given with an action.
ALTER TABLE attachments ADD COLUMN workflow_id text, ADD COLUMN step text;
CREATE INDEX attachments_step ON attachments (workflow_id, step) WHERE workflow_id IS NOT NULL;

-- A task type may require evidence for a submission; the office may waive it for one task (recorded on its timeline).
ALTER TABLE tasks ADD COLUMN evidence_required boolean NOT NULL DEFAULT false, ADD COLUMN evidence_waived jsonb;
