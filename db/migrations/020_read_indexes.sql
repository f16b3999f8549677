-- Reading at scale (issue 17: 20,000 tasks in 22 units, each read within 20 ms in the database).

-- A cycle's tasks by time limit: the office's list of a cycle (sorted by time limit, a month of it: the board's
-- month columns) reads a range of this index in order, and counts the cycle's tasks from it alone.
CREATE INDEX tasks_org_cycle_due ON tasks (org_id, cycle_id, due_date, id);

-- Tasks in a state (and light): the lists the office's home links to (running and red, highest rung first; awaiting
-- review) read and count them from here instead of from every task of the organisation.
CREATE INDEX tasks_org_state ON tasks (org_id, state, light, rung, id);

-- The cycle board (督办看板) pre-aggregated: how many of a cycle's tasks fall in each cell of either axis (lead unit
-- × goal, lead unit × month of the time limit), split by what the cell shows (open or not, light, rung), kept exact
-- by the statement triggers below in the transaction that changes the tasks. The board of the whole organisation
-- sums these few rows instead of grouping every task of the cycle (db/queries/cycle-board.ts); a board in a
-- narrower scope still reads the tasks (its rows depend on co-organising units and leaders, not kept here).
-- A count may fall to 0; such rows stay and are ignored.
CREATE TABLE task_board_counts (
  cycle_id     text NOT NULL,
  org_id       text NOT NULL,
  axis         text NOT NULL CHECK (axis IN ('goal', 'month')),
  lead_unit_id text NOT NULL,
  -- The goal id, or the month of the time limit as YYYY-MM; null: no goal, no time limit.
  col          text,
  open         boolean NOT NULL,
  light        text NOT NULL,
  rung         smallint NOT NULL,
  n            integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (cycle_id, org_id, axis, lead_unit_id, col, open, light, rung)
);

-- The cells a task counts in, one per axis, each by `n` (1 for a new row of a statement, -1 for an old one).
CREATE FUNCTION task_board_cells(t tasks, n integer) RETURNS SETOF task_board_counts LANGUAGE sql IMMUTABLE AS $$
  SELECT t.cycle_id, t.org_id, a.axis, t.lead_unit_id, a.col, t.state NOT IN ('ACCEPTED', 'CANCELLED'), t.light,
         t.rung, n
  FROM (VALUES ('goal', t.goal_id), ('month', to_char(t.due_date, 'YYYY-MM'))) AS a(axis, col)
  WHERE t.cycle_id IS NOT NULL
$$;

-- Adds what a statement changed: its new rows count +1 in their cells, its old rows -1, netted per cell (an update
-- that moves no task between cells writes nothing), applied in the order of the key so that concurrent statements
-- lock the counters in the same order.
CREATE FUNCTION task_board_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed task_board_counts[] := '{}';
BEGIN
  -- An INSERT trigger has no old rows to name, a DELETE trigger no new ones.
  IF TG_OP <> 'DELETE' THEN
    SELECT changed || coalesce(array_agg(c), '{}') INTO changed FROM new_rows r, task_board_cells(r, 1) c;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT changed || coalesce(array_agg(c), '{}') INTO changed FROM old_rows r, task_board_cells(r, -1) c;
  END IF;
  IF cardinality(changed) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO task_board_counts AS b (cycle_id, org_id, axis, lead_unit_id, col, open, light, rung, n)
  SELECT c.cycle_id, c.org_id, c.axis, c.lead_unit_id, c.col, c.open, c.light, c.rung, sum(c.n)::int
  FROM unnest(changed) c
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(c.n) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (cycle_id, org_id, axis, lead_unit_id, col, open, light, rung) DO UPDATE SET n = b.n + EXCLUDED.n;
  RETURN NULL;
END
$$;

CREATE TRIGGER task_board_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_board_apply();
CREATE TRIGGER task_board_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_board_apply();
CREATE TRIGGER task_board_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_board_apply();

CREATE FUNCTION task_board_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE task_board_counts;
  RETURN NULL;
END
$$;
CREATE TRIGGER task_board_truncate AFTER TRUNCATE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION task_board_truncate();

-- The tasks already there.
INSERT INTO task_board_counts (cycle_id, org_id, axis, lead_unit_id, col, open, light, rung, n)
SELECT c.cycle_id, c.org_id, c.axis, c.lead_unit_id, c.col, c.open, c.light, c.rung, sum(c.n)::int
FROM tasks t, task_board_cells(t, 1) c
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
