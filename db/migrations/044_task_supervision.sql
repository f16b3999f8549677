-- Named supervision (挂牌督办) and leaders' written instructions (批示件), issue 20 item 3. `instruction`: the 批示件 a
-- task was created from, with the rung its severity starts the ladder at; `supervision`: whether it is marked now,
-- and each period it was. `named_supervision` mirrors supervision.named for the lists' filter and the board.
ALTER TABLE tasks
  ADD COLUMN instruction jsonb,
  ADD COLUMN supervision jsonb,
  ADD COLUMN named_supervision boolean NOT NULL DEFAULT false;

CREATE INDEX tasks_named_supervision ON tasks (org_id) WHERE named_supervision;
