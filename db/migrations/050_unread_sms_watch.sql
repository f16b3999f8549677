-- An L1 notice (逾期催办) that no channel carries to its person (no address for the channels its policy allows) still
-- escalates its channel when the deployment says so (issue 23): it gets an SMS delivery at once that waits, on its
-- workflow's timer, for the working hours to pass, and goes only if the notice is still unread then.
ALTER TABLE notice_deliveries ADD COLUMN unless_read boolean NOT NULL DEFAULT false;
