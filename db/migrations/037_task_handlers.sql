-- Handlers (承办人, issue 20 item 5): the person each unit of a task named to handle it, by unit id. Their notices of the
-- task go to the handler with the unit's head.
ALTER TABLE tasks ADD COLUMN handlers jsonb NOT NULL DEFAULT '{}';
